from pegawai.access import GOVERNMENT_WIDE, MASTER_DATA_EDITORS, STAFF_ROLES, Role, roles_of


def roles(request):
    """What the navigation needs to know about the user's roles."""
    mine = roles_of(request.user)
    return {
        "user_roles": mine,
        "is_staff_role": bool(mine & STAFF_ROLES),
        "is_bkd": bool(mine & GOVERNMENT_WIDE),
        "can_edit_master": bool(mine & MASTER_DATA_EDITORS),
        "is_asn": Role.ASN in mine,
    }

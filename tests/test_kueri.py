"""The query helpers of ``mutasi.lib.models``."""

import pytest

from mutasi.lib.models import salah_satu
from pegawai.models import Pegawai, Skp
from tests.factories import PegawaiFactory, SkpFactory

pytestmark = pytest.mark.django_db


def test_salah_satu_keeps_the_rows_an_in_list_keeps():
    people = [PegawaiFactory() for _ in range(4)]
    for p in people:
        SkpFactory(pegawai=p)
    wanted = [people[0].pk, people[2].pk, people[2].pk, 10**9]
    assert set(Pegawai.objects.filter(salah_satu("pk", wanted))) == {people[0], people[2]}
    through_join = Skp.objects.filter(salah_satu("pegawai__pk", {people[3].pk}))
    assert [s.pegawai_id for s in through_join] == [people[3].pk]
    assert not Pegawai.objects.filter(salah_satu("pk", []))
    assert Pegawai.objects.exclude(salah_satu("pk", [people[1].pk])).count() == 3


def test_an_empty_list_matches_nothing_and_still_runs_the_query(django_assert_num_queries):
    PegawaiFactory()
    with django_assert_num_queries(1):
        assert list(Pegawai.objects.filter(salah_satu("pk", []))) == []

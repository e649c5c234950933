"""Career tables of the demo employees: the rank a CPNS enters at by education, where rank
stops rising without further study, the age of appointment, and the years of service and
highest rank typical of each level."""

from instansi.choices import Jenjang
from pegawai.choices import Golongan
from pegawai.choices import TingkatPendidikan as T

GOLONGAN = sorted(Golongan.values)
ENTRY_GOLONGAN = {
    T.SD: Golongan.I_A,
    T.SMP: Golongan.I_C,
    T.SMA: Golongan.II_A,
    T.D1: Golongan.II_A,
    T.D2: Golongan.II_B,
    T.D3: Golongan.II_C,
    T.D4: Golongan.III_A,
    T.S1: Golongan.III_A,
    T.S2: Golongan.III_B,
    T.S3: Golongan.III_C,
}
# Without further study an employee's rank stops rising here.
GOLONGAN_CAP = {
    T.SD: Golongan.II_A,
    T.SMP: Golongan.II_D,
    T.SMA: Golongan.III_B,
    T.D1: Golongan.III_B,
    T.D2: Golongan.III_C,
    T.D3: Golongan.III_D,
    T.D4: Golongan.IV_B,
    T.S1: Golongan.IV_B,
    T.S2: Golongan.IV_D,
    T.S3: Golongan.IV_E,
}
CPNS_AGE = {T.SD: (19, 26), T.SMP: (19, 27), T.SMA: (19, 28), T.D3: (21, 30), T.D4: (22, 31)}
CPNS_AGE_DEFAULT = (23, 34)
# Years of service typical of a level (structural posts ask for experience, functional levels
# are climbed with time), and the highest golongan of each functional level.
SERVICE = {
    Jenjang.JPT_MADYA: (22, 40),
    Jenjang.JPT_PRATAMA: (18, 40),
    Jenjang.ADMINISTRATOR: (12, 40),
    Jenjang.PENGAWAS: (6, 40),
    Jenjang.PEMULA: (1, 10),
    Jenjang.TERAMPIL: (1, 14),
    Jenjang.MAHIR: (6, 22),
    Jenjang.PENYELIA: (12, 34),
    Jenjang.AHLI_PERTAMA: (1, 12),
    Jenjang.AHLI_MUDA: (6, 22),
    Jenjang.AHLI_MADYA: (14, 34),
    Jenjang.AHLI_UTAMA: (22, 38),
}
GOLONGAN_MAX = {
    Jenjang.PEMULA: Golongan.II_B,
    Jenjang.TERAMPIL: Golongan.II_D,
    Jenjang.MAHIR: Golongan.III_B,
    Jenjang.PENYELIA: Golongan.III_D,
    Jenjang.AHLI_PERTAMA: Golongan.III_B,
    Jenjang.AHLI_MUDA: Golongan.III_D,
    Jenjang.AHLI_MADYA: Golongan.IV_C,
    Jenjang.AHLI_UTAMA: Golongan.IV_E,
}

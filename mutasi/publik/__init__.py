"""The public side (docs/domain.md §8): what the public may know of published decisions and how
it is masked (``data``), letter verification (``verifikasi``), the public explanation of how
decisions are made (``penjelasan``), and the pages."""

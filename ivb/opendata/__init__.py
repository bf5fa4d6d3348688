"""Reading the police's and CBS's open-data exports: ``types`` (periods, figures, the
export), ``names`` (names compared loosely), ``layouts`` (tabular and pivoted) and ``read``
(a file in, an ``Export`` of one region out)."""

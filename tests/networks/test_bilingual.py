"""Reference data shows its Welsh to a Welsh reader where the Welsh is written, else its English."""

from django.utils import translation

from networks.bilingual import in_language


def test_english_reader_sees_english():
    with translation.override("en-gb"):
        assert in_language("Wellbeing", "Lles") == "Wellbeing"


def test_welsh_reader_sees_welsh():
    with translation.override("cy"):
        assert in_language("Wellbeing", "Lles") == "Lles"


def test_welsh_reader_sees_english_where_no_welsh_is_written():
    with translation.override("cy"):
        assert in_language("Wellbeing", "") == "Wellbeing"

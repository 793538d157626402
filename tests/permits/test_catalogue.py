"""The questions of the e-services, shown in the language of whoever reads them."""

from django.utils import translation

from umis.permits.catalogue import TRP_VALIDITY, Service, answers_form


def test_validity_labels_are_translated_when_shown_with_the_right_plural() -> None:
    labels = dict(TRP_VALIDITY)
    with translation.override("en"):
        assert (str(labels["3"]), str(labels["12"])) == ("3 months", "12 months")
    with translation.override("ru"):
        assert (str(labels["3"]), str(labels["12"])) == ("3 месяца", "12 месяцев")
    with translation.override("az"):
        assert (str(labels["3"]), str(labels["12"])) == ("3 ay", "12 ay")


def test_the_trp_form_offers_the_validities_in_the_readers_language() -> None:
    def validity_field() -> str:
        return str(answers_form(Service.TRP)["validity_months"])

    with translation.override("en"):
        english = validity_field()
    with translation.override("ru"):
        russian = validity_field()
    assert '<option value="18">18 months</option>' in english
    assert '<option value="18">18 месяцев</option>' in russian

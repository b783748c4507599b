"""GB 11643-1999 in the shared package (weiquan.resident_id): the check character, validity,
the lower-case x, a wrong check character and a birth date that is no real date."""
from datetime import date

import pytest

from weiquan import resident_id as rid

pytestmark = pytest.mark.unit

GOOD_X = "11010519491231002X"      # the standard's own example, check character X
GOOD = "360733199508155205"


def test_the_weights_are_the_standards():
    assert rid.WEIGHTS == (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def test_check_char_of_known_ids():
    assert rid.check_char(GOOD_X[:17]) == "X"
    assert rid.check_char(GOOD[:17]) == "5"
    with pytest.raises(ValueError):
        rid.check_char("1101051949123100")     # 16 digits


def test_valid_ids_including_x_either_case():
    assert rid.valid(GOOD) and rid.valid(GOOD_X) and rid.valid(GOOD_X.lower())
    assert rid.checksum_ok(GOOD_X.lower())


@pytest.mark.parametrize("last", "0123456789")
def test_every_wrong_check_character_is_refused(last):
    assert not rid.valid(GOOD_X[:17] + last)
    assert not rid.checksum_ok(GOOD_X[:17] + last)


def test_one_changed_digit_is_caught():
    assert not rid.valid("11010519491231003X")


@pytest.mark.parametrize("number", [None, "", "1101051949123100X", "1101051949123100221",
                                    "11010519491231002Y", "１１０１０５１９４９１２３１００２Ｘ"])
def test_wrong_shapes_are_refused(number):
    assert not rid.valid(number) and not rid.checksum_ok(number)


def test_birth_date():
    assert rid.birth_date(GOOD) == date(1995, 8, 15)
    assert rid.birth_date(GOOD_X) == date(1949, 12, 31)


def test_a_right_checksum_on_a_date_that_does_not_exist_is_not_valid():
    first17 = "11010519490230002"                  # 30 February 1949
    number = first17 + rid.check_char(first17)
    assert rid.checksum_ok(number)
    assert rid.birth_date(number) is None and not rid.valid(number)
    month13 = "11010519491331002"
    assert not rid.valid(month13 + rid.check_char(month13))

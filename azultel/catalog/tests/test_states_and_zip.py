"""State codes, the ZIP-3 prefix table and street-name matching: pure data, no database."""

from __future__ import annotations

import pytest

from azultel.catalog.states import service_state_choices, service_state_codes, state_code_clean
from azultel.catalog.street_names import street_key
from azultel.catalog.zip_prefixes import _FIVE_DIGIT_RANGES, _PREFIX_RANGES, state_for_zip_prefix


def test_service_states_are_the_fifty_states_dc_and_five_territories() -> None:
    codes = service_state_codes()

    assert len(codes) == 56
    assert {"FL", "GA", "NY", "TX", "DC", "PR", "VI", "GU", "AS", "MP"} <= codes
    assert not {"AA", "AE", "AP", "FM", "MH", "PW", "CZ"} & codes
    assert [name for _, name in service_state_choices()][:2] == ["Alabama", "Alaska"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("FL", "FL"),
        ("fl", "FL"),
        ("Pr", "PR"),
        ("DC", "DC"),
        ("XX", None),
        ("AA", None),
        ("FM", None),
        ("F", None),
        ("FLA", None),
        (" FL", None),
        ("FL\n", None),
        ("FL;", None),
        ("\uff26\uff2c", None),  # full-width letters
        ("", None),
        (None, None),
        (12, None),
    ],
)
def test_state_code_clean_accepts_exact_codes_only(raw: object, expected: str | None) -> None:
    assert state_code_clean(raw) == expected


@pytest.mark.parametrize(
    ("zip_code", "state"),
    [
        ("33131", "FL"),
        ("32801", "FL"),
        ("30303", "GA"),
        ("39901", "GA"),
        ("10001", "NY"),
        ("00501", "NY"),
        ("00901", "PR"),
        ("00680", "PR"),
        ("00802", "VI"),
        ("20500", "DC"),
        ("22201", "VA"),
        ("73301", "TX"),
        ("88510", "TX"),
        ("75201", "TX"),
        ("99501", "AK"),
        ("96813", "HI"),
        ("96799", "AS"),
        ("96910", "GU"),
        ("96950", "MP"),
        ("33131-1234", "FL"),
    ],
)
def test_zip_prefix_table_finds_the_state(zip_code: str, state: str) -> None:
    assert state_for_zip_prefix(zip_code) == state


@pytest.mark.parametrize(
    "zip_code",
    ["00001", "00401", "09001", "34001", "96201", "96940", "96960", "1234", "abcde", "٣٣١٣١", ""],
)
def test_zip_prefix_table_gives_nothing_for_unassigned_military_or_unserved(zip_code: str) -> None:
    assert state_for_zip_prefix(zip_code) is None


def test_prefix_ranges_are_ordered_disjoint_and_name_service_states() -> None:
    codes = service_state_codes()
    previous_last = -1

    for first, last, code in _PREFIX_RANGES:
        assert previous_last < first <= last <= 999
        assert code in codes
        previous_last = last
    assert all(code == "" or code in codes for _, _, code in _FIVE_DIGIT_RANGES)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Ocean Drive", "OCEAN DR"),
        ("120 ocean dr.", "OCEAN DR"),
        ("  OCEAN   DRIVE ", "OCEAN DR"),
        ("12B Ocean Drive", "OCEAN DR"),
        ("1st Street", "1ST ST"),
        ("100 5th Avenue", "5TH AVE"),
        ("Calle Loíza", "CALLE LOIZA"),
        ("Roswell St", "ROSWELL ST"),
        ("North Miami Avenue", "N MIAMI AVE"),
        ("", ""),
        ("!!!", ""),
    ],
)
def test_street_key_matches_what_people_type(typed: str, key: str) -> None:
    assert street_key(typed) == key

"""The unit's identity in content/unit.yml: logo, colours and contact, validated like all content."""

from __future__ import annotations

import pytest

from generator.basics.colours import contrast
from generator.content.load import load_model
from tests.conftest import UNIT_YML, write
from tests.test_content_errors import errors_of

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def unit_with(root, extra: str) -> None:
    write(root, "content/unit.yml", UNIT_YML + extra)


def test_a_unit_without_identity_fields_gets_readable_default_colours(small_unit):
    brand = load_model(small_unit).unit.brand
    assert contrast(brand.primary, "#ffffff") >= 4.5 and contrast(brand.accent, "#ffffff") >= 4.5
    assert brand.logo is None and brand.made_with is False


def test_logo_contact_and_colours_are_read(small_unit):
    (small_unit / "content" / "brand").mkdir()
    (small_unit / "content" / "brand" / "ตรา.png").write_bytes(PNG)
    unit_with(small_unit, 'logo: brand/ตรา.png\ncolors:\n  primary: "#0D5C63"\naddress: หมู่ 3\nphone: 0-4400-1000\n')
    brand = load_model(small_unit).unit.brand
    assert (str(brand.logo.path), brand.favicon, brand.primary) == ("brand/ตรา.png", brand.logo, "#0d5c63")
    assert (brand.address, brand.phone) == ("หมู่ 3", "0-4400-1000")


def test_a_missing_logo_file_is_named_with_its_line(small_unit):
    unit_with(small_unit, "logo: brand/logo.png\n")
    assert errors_of(small_unit) == [
        'content/unit.yml:7 ช่อง "logo": ไม่พบไฟล์ "brand/logo.png" ในโฟลเดอร์ content/ (ตรวจชื่อไฟล์และนามสกุล)']


def test_a_logo_that_is_not_an_image_is_refused(small_unit):
    write(small_unit, "content/brand/logo.png", "<html>not found</html>")
    unit_with(small_unit, "logo: brand/logo.png\n")
    (error,) = errors_of(small_unit)
    assert error.startswith('content/unit.yml:7 ช่อง "logo": "brand/logo.png" ไม่ใช่ไฟล์ PNG จริง')


@pytest.mark.parametrize(("key", "colour", "ratio"), [("primary", "#ffcc00", "1.51"), ("accent", "#8a8a8a", "3.45")])
def test_a_colour_below_wcag_aa_contrast_is_an_error_with_its_line(small_unit, key, colour, ratio):
    unit_with(small_unit, f'colors:\n  {key}: "{colour}"\n')
    (error,) = errors_of(small_unit)
    assert error.startswith(f'content/unit.yml:8 ช่อง "colors.{key}": สี {colour} ตัดกับ')
    assert f"เพียง {ratio}:1 ต่ำกว่าเกณฑ์ WCAG AA (4.5:1)" in error


def test_a_colour_that_is_not_a_hex_code_says_how_to_write_it(small_unit):
    unit_with(small_unit, "colors:\n  primary: น้ำเงิน\n")
    assert errors_of(small_unit) == ['content/unit.yml:8 ช่อง "colors.primary": "น้ำเงิน" ต้องเป็นรหัสสีแบบ #RRGGBB เช่น #1e4f8c']


@pytest.mark.parametrize(("first", "second", "expected"), [("#ffffff", "#000000", 21.0), ("#777777", "#ffffff", 4.48),
                                                           ("#0d5c63", "#ffffff", 7.7)])
def test_contrast_follows_the_wcag_formula(first, second, expected):
    assert round(contrast(first, second), 2) == expected

import pytest

from checks.hosts import MainSite, off_domain_message, service_name

SITE = MainSite.of("https://www.tambon.example/")


@pytest.mark.parametrize("url", [
    "https://www.tambon.example/ita/2569/o1/",
    "https://WWW.Tambon.Example./ita/",
    "http://www.tambon.example:80/file.pdf",
    "https://www.tambon.example:443/file.pdf",
])
def test_same_host_after_normalisation(url):
    assert SITE.contains(url)


@pytest.mark.parametrize("url", [
    "https://www.tambon.example@evil.example/ita/",
    "https://www.tambon.example.evil.example/ita/",
    "https://tambon.example/ita/",
    "https://www.tambon.example:8443/ita/",
    "https://drive.google.com/file/d/abc/view",
    "ftp://www.tambon.example/file.pdf",
])
def test_other_hosts_are_not_the_main_website(url):
    assert not SITE.contains(url)


def test_bare_host_counts_only_when_the_unit_declares_it():
    assert MainSite.of("https://www.tambon.example/", ("tambon.example",)).contains("https://tambon.example/x")


def test_thai_domain_names_compare_in_punycode():
    site = MainSite.of("https://อบต.ตัวอย่าง.ไทย/")
    assert site.contains("https://xn--m3cj0d.xn--72c1a1bt4awk9o.xn--o3cw4h/ita/")


def test_known_services_are_named():
    assert service_name("https://docs.google.com/viewer?url=x") == "Google Docs"
    assert service_name("https://m.facebook.com/tambon") == "Facebook"
    assert service_name("https://bit.ly/3abc") == "ลิงก์ย่อ bit.ly"
    assert service_name("https://www.other-tambon.example/") is None


def test_off_domain_message_tells_staff_what_to_do():
    assert off_domain_message("https://drive.google.com/file/d/1", "www.tambon.example") == (
        "อยู่บน Google Drive ไม่ใช่เว็บไซต์หลัก www.tambon.example จึงไม่นับเป็นการเปิดเผยข้อมูล "
        "ให้นำไฟล์หรือข้อมูลขึ้นเว็บไซต์หลักแล้วใช้ลิงก์บนเว็บไซต์หลักแทน"
    )

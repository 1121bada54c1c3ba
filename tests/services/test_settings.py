"""Settings are declared once (gjz_registry/settings.py) and named only by their keys."""

import pytest

from db import backup
from gjz_registry import InvalidValueError, settings


def test_a_bare_string_is_refused_both_ways(admin):
    with pytest.raises(TypeError):
        admin.reference.setting("unit_name")
    with pytest.raises(TypeError):
        admin.reference.set_setting("unit_name", "某单位")


def test_an_undeclared_key_is_refused(admin):
    with pytest.raises(InvalidValueError, match="未知的设置项「unit_nmae」"):
        settings.key("unit_nmae")
    typo = settings.Key("unit_nmae", "打印单位名称")
    with pytest.raises(InvalidValueError, match="未知的设置项"):
        admin.reference.set_setting(typo, "某单位")
    with pytest.raises(InvalidValueError, match="未知的设置项"):
        admin.reference.setting(settings.Key("unit_name", "另一个名字"))


def test_every_declared_key_is_registered_once():
    declared = [v for v in vars(settings).values() if isinstance(v, settings.Key)]
    assert sorted(k.name for k in declared) == sorted(settings.KEYS)
    assert all(settings.key(name) is k for name, k in settings.KEYS.items())


def test_defaults_and_types(admin):
    assert admin.reference.setting(settings.UNIT_NAME) == "甘井子区科学技术局"
    assert admin.reference.setting(settings.BACKUP_DAILY) == 7
    admin.reference.set_setting(settings.BACKUP_DAILY, " 3 ")
    assert admin.reference.setting(settings.BACKUP_DAILY) == 3
    with pytest.raises(InvalidValueError, match="自动备份保留天数.*整数"):
        admin.reference.set_setting(settings.BACKUP_DAILY, "三")
    admin.reference.set_setting(settings.UNIT_NAME, "")
    assert admin.reference.setting(settings.UNIT_NAME) == "甘井子区科学技术局"


def test_families_have_a_key_and_a_label_per_part(admin):
    key = settings.STREET_UNIT("大连湾街道")
    assert settings.key(key.name) == key and key.label == "制表单位（大连湾街道）"
    assert settings.label("certificate_template.graduation") == "证书文字（毕业证书）"
    assert settings.label("backup_keep_weekly") == "自动备份保留周数"
    admin.reference.set_setting(key, "大连湾街道办事处")
    assert admin.reference.unit_name("大连湾街道") == "大连湾街道办事处"


@pytest.mark.sqlite_only  # backups of a file (a server database has none: test_maintenance)
def test_rotation_reads_its_settings(admin, monkeypatch):
    kept = []
    monkeypatch.setattr(backup, "surplus", lambda *args: kept.append(args[3:]) or [])
    admin.reference.set_setting(settings.BACKUP_WEEKLY, 2)
    admin.maintenance.backup(kind=backup.AUTO)
    assert kept == [(7, 2, 12)]

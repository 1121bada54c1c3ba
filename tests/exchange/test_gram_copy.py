"""The gram rows' COPY text is formatted by hand (db/engines/postgresql.py, gram_copy_text):
the table must hold exactly what psycopg's own ``write_row`` puts there, for any name."""

import pytest

from db.engines.postgresql import GRAM_TABLE, gram_copy_text, short_grams

NAMES = [
    ("大连华信计算机技术股份有限公司", "dalianhuaxin", "dlhx"),
    ("ＡＢＣ全角科技（大连）有限公司", "abc", "a"),
    ("Café_Crème 咖啡 ①②", "cafe_creme", "cc"),
    ("null NULL Null", "null", "n"),
    ('甲,乙{丙}"丁\\戊\t己\n庚 辛', "jia,yi", "j y"),
    ("（）——", "", ""),
    ("", None, None),
    ("ǅ Ⅻ ㍿ ﬁ 𠀋𪚥", "x", "x"),
]


def test_plain_grams_are_formatted_as_an_array_literal():
    rows = [(7, ["c大", "c大连", "p_1"]), (8, [])]
    assert gram_copy_text(rows) == "7\t{c大,c大连,p_1}\n8\t{}\n"


@pytest.mark.parametrize("bad", [",", "{", "}", '"', "\\", " ", "\t", "\n", "\u3000"])
def test_a_gram_that_would_need_quoting_is_left_to_psycopg(bad):
    assert gram_copy_text([(1, ["c大", "c" + bad])]) is None


def test_the_table_holds_what_write_row_would_write(pg_url):
    import psycopg

    rows = [(i + 1, short_grams(*names)) for i, names in enumerate(NAMES)]
    text = gram_copy_text(rows)
    assert text is not None  # every gram of every name above is plain
    with psycopg.connect(pg_url) as con:
        con.execute(f"CREATE TEMP TABLE by_hand (LIKE {GRAM_TABLE})")
        con.execute(f"CREATE TEMP TABLE by_library (LIKE {GRAM_TABLE})")
        with con.cursor().copy("COPY by_hand (enterprise_id, grams) FROM STDIN") as copy:
            copy.write(text)
        with con.cursor().copy("COPY by_library (enterprise_id, grams) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        by_hand = con.execute("SELECT * FROM by_hand ORDER BY 1").fetchall()
        by_library = con.execute("SELECT * FROM by_library ORDER BY 1").fetchall()
    assert by_hand == by_library
    assert [grams for _, grams in by_hand] == [grams for _, grams in rows]

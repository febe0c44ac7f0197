
"""Linkage without the database: normalising, encoding, blocking, clustering, quality."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from uitweg.monitoring.linkage.encoding import Encoder, Registration, dice
from uitweg.monitoring.linkage.histories import capture_table, table_from_masks
from uitweg.monitoring.linkage.link import Settings, link, score
from uitweg.monitoring.linkage.normalise import name_tokens, sorted_name
from uitweg.monitoring.linkage.quality import pairwise

KEY = b"k" * 32
DOB = date(1990, 4, 17)


def enc(name, dob=DOB, source="police", key=0, exact=(), k=KEY):
    return Encoder(k).encode(Registration(key, source, name, dob, tuple(exact)))


def name_similarity(a, b):
    x, y = enc(a), enc(b)
    return dice(x.name, x.name_ones, y.name, y.name_ones)


def test_transliterations_of_one_cyrillic_name_are_one_name():
    spellings = ["Юлия Шевченко", "Yuliya Shevchenko", "Julija Szewczenko", "Iuliia Shevchenko",
                 "SHEVCHENKO, Yulia"]
    assert {sorted_name(s) for s in spellings} == {"iulia sevcenko"}


def test_case_accents_and_letters_without_decomposition_are_ignored():
    assert name_tokens("ȘTEFAN Müller-Łukasz") == name_tokens("stefan muller lukasz")
    assert sorted_name("Ahmed van der Berg") == sorted_name("Berg, Ahmed van der")


@given(st.lists(st.sampled_from(["anna", "kowalska", "maria", "de", "jong", "Олена"]),
                min_size=1, max_size=4), st.randoms())
def test_the_order_of_the_names_never_matters(tokens, rnd):
    shuffled = list(tokens)
    rnd.shuffle(shuffled)
    assert sorted_name(" ".join(tokens)) == sorted_name(" ".join(shuffled))
    assert name_similarity(" ".join(tokens), " ".join(shuffled)) == 1.0


def test_a_typo_keeps_the_name_similar_and_another_name_is_not():
    assert name_similarity("Agnieszka Kowalska", "Agnieszka Kowalksa") > 0.8
    assert name_similarity("Agnieszka Kowalska", "Blessing Okafor") < 0.3


def test_the_encoding_holds_no_name_and_depends_on_the_key():
    a = enc("Agnieszka Kowalska")
    b = enc("Agnieszka Kowalska", k=b"x" * 32)
    assert a.name != b.name and a.blocks != b.blocks
    assert "kowal" not in repr(a).lower() and "1990" not in repr(a)


def test_a_day_month_swap_or_a_year_off_by_one_still_links_an_equal_name():
    base = enc("Ion Popescu", date(1990, 4, 11), "police")
    for other in (date(1990, 11, 4), date(1991, 4, 11), date(1990, 4, 19)):
        assert score(base, enc("Ion Popescu", other, "youth_care")) >= Settings().threshold


def test_a_namesake_born_in_another_year_or_on_another_day_is_not_linked():
    base = enc("Ion Popescu", date(1990, 4, 11), "police")
    for other in (date(1975, 4, 11), date(1990, 7, 23), date(1962, 1, 2)):
        s = score(base, enc("Ion Popescu", other, "youth_care"))
        assert s is None or s < Settings().threshold


def test_exact_identifiers_link_whatever_the_names():
    records = [enc("Anna Jansen", key=0, exact=["doc:1"]),
               enc("Totally Different", date(1950, 1, 1), "outreach", 1, exact=["doc:1"])]
    result = link(records)
    assert result.persons == 1 and result.exact_links == 1


def test_near_matches_across_sources_are_one_person():
    records = [enc("Yuliya Shevchenko", source="police", key=0),
               enc("Юлия Шевченко", date(1990, 4, 17), "care", key=1),
               enc("SHEVCHENKO Yulia", DOB, "outreach", key=2),
               enc("Blessing Okafor", source="youth_care", key=3)]
    result = link(records)
    assert result.cluster[0] == result.cluster[1] == result.cluster[2]
    assert result.cluster[3] != result.cluster[0]
    assert result.persons == 2


def test_a_cluster_never_holds_two_registrations_of_one_source_by_near_match():
    # three namesakes in the police list and one in care: the care record joins one of them
    records = [enc("Ion Popescu", source="police", key=i) for i in range(3)]
    records.append(enc("Ion Popescu", source="care", key=3))
    result = link(records)
    assert result.persons == 3
    assert result.refused_merges >= 1


def test_a_registration_without_a_date_joins_only_an_unambiguous_person():
    one = [enc("Ion Popescu", source="police", key=0),
           enc("Ion Popescu", None, "outreach", key=1)]
    assert link(one).persons == 1
    namesakes = [enc("Ion Popescu", date(1970, 1, 2), "police", key=0),
                 enc("Ion Popescu", date(1995, 8, 9), "care", key=1),
                 enc("Ion Popescu", None, "outreach", key=2)]
    result = link(namesakes)
    assert result.persons == 3


def test_oversized_blocks_are_skipped_and_said():
    records = [enc("Ion Popescu", source=f"s{i % 2}", key=i) for i in range(12)]
    result = link(records, Settings(max_block=5))
    assert result.skipped_blocks > 0 and result.notes


def test_pairwise_quality_counts_pairs():
    q = pairwise([0, 0, 0, 1], [7, 7, 8, 8])
    assert (q.found_pairs, q.true_pairs, q.correct_pairs) == (3, 2, 1)
    assert q.precision == 1 / 3 and q.recall == 1 / 2


def test_the_capture_table_counts_each_person_once_on_its_lists():
    records = [enc("Anna Jansen", source="police", key=0),
               enc("Anna Jansen", source="care", key=1),
               enc("Blessing Okafor", date(1980, 2, 3), "care", key=2)]
    table = capture_table(link(records), ["police", "care"])
    assert table.observed == 2
    assert dict(table.rows()) == {(1, 1): 1, (0, 1): 1}
    assert table_from_masks([0, 1, 1, 3], ["a", "b"]).counts.tolist() == [0, 2, 0, 1]

"""The pure fit engine: no database. Monotonic toward each trait's lean, symmetric
between roles, and the contract's outputs."""

from hypothesis import given
from hypothesis import strategies as st

from leaders.fit import Role, combine, fit_to_role, profile
from leaders.traits import CORE_TRAITS, leader_bank
from tests.conftest import shipped_bank

_LEADER = leader_bank(shipped_bank())
assert _LEADER is not None
LEADER = _LEADER
CRO_TRAITS = [k for k, lean in CORE_TRAITS.items() if lean == "CRO"]
CSO_TRAITS = [k for k, lean in CORE_TRAITS.items() if lean == "CSO"]
STRATEGIST = {**dict.fromkeys(CRO_TRAITS, 5), **dict.fromkeys(CSO_TRAITS, 2)}
EXECUTOR = {**dict.fromkeys(CRO_TRAITS, 2), **dict.fromkeys(CSO_TRAITS, 5)}

ratings_strategy = st.fixed_dictionaries({key: st.integers(1, 5) for key in CORE_TRAITS})


@given(ratings=ratings_strategy, key=st.sampled_from(list(CORE_TRAITS)))
def test_fit_never_falls_when_a_trait_rises_toward_its_lean(ratings, key):
    role: Role = "CRO" if CORE_TRAITS[key] == "CRO" else "CSO"
    for higher in range(ratings[key], 6):
        assert fit_to_role(LEADER, {**ratings, key: higher}, role) >= fit_to_role(
            LEADER, ratings, role
        )


def _mirror(ratings):
    """Swap strategy and execution: each lean's mean takes the other's value."""
    strategy = sum(ratings[k] for k in CRO_TRAITS) / len(CRO_TRAITS)
    execution = sum(ratings[k] for k in CSO_TRAITS) / len(CSO_TRAITS)
    return {**dict.fromkeys(CRO_TRAITS, execution), **dict.fromkeys(CSO_TRAITS, strategy)}


@given(ratings=ratings_strategy)
def test_fit_is_symmetric_between_roles(ratings):
    assert fit_to_role(LEADER, ratings, "CRO") == fit_to_role(LEADER, _mirror(ratings), "CSO")
    assert 0 <= fit_to_role(LEADER, ratings, "CRO") <= 100


def test_a_strategist_fits_a_cro_seat_and_an_executor_a_cso_seat():
    assert fit_to_role(LEADER, STRATEGIST, "CRO") > fit_to_role(LEADER, EXECUTOR, "CRO") + 30
    assert fit_to_role(LEADER, EXECUTOR, "CSO") > fit_to_role(LEADER, STRATEGIST, "CSO") + 30


def test_profile_of_an_executor_in_a_cro_seat():
    result = profile(bank=LEADER, ratings=EXECUTOR, role="CRO")
    assert result.archetype == "CSO"
    assert result.position < 0
    assert result.risks[0].title == "An executor in a strategy seat"
    assert result.complement[0].role == "Head of Sales Strategy"
    assert set(result.as_json()) >= {
        "archetype",
        "position",
        "fit",
        "traits",
        "risks",
        "complement",
    }


def test_profile_of_a_strategist_in_spanish():
    result = profile(bank=LEADER, ratings=STRATEGIST, role="CSO", language="es")
    assert result.archetype == "CRO"
    assert result.archetype_label == "Estratega (perfil CRO)"
    assert result.risks[0].title == "Un estratega en un puesto de ejecución"
    assert result.complement[0].role == "Vicepresidentes de ventas de perfil CSO"


def test_balanced_people_are_balanced():
    result = profile(bank=LEADER, ratings=dict.fromkeys(CORE_TRAITS, 4), role=None)
    assert result.archetype == "balanced"
    assert result.fit is None
    assert result.risks == []


def test_combining_raters_weights_them_and_shows_disagreement():
    means, spreads = combine(
        [(0.5, {"quota_drive": 5}), (1.0, {"quota_drive": 2}), (1.0, {"quota_drive": 2})]
    )
    assert means["quota_drive"] == (0.5 * 5 + 2 + 2) / 2.5
    assert spreads["quota_drive"] == 3
    result = profile(bank=LEADER, ratings={**EXECUTOR, **means}, role="CSO", spreads=spreads)
    flagged = [t.trait for t in result.traits if t.disagreement]
    assert flagged == ["quota_drive"]

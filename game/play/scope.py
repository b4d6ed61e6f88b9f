"""The player's scope: the regions they answer for, and its headline numbers each quarter."""

from __future__ import annotations

from collections.abc import Mapping

from game.play.campaign import Campaign


def scope_regions(campaign: Campaign) -> list[str]:
    """The regions a player answers for: the mayor's city, or every region for the federal role."""
    if campaign.world.player_region is not None:
        return [campaign.world.region_ids[campaign.world.player_region]]
    return list(campaign.world.region_ids)


def weights(campaign: Campaign, regions: list[str]) -> dict[str, float]:
    """Each region's share of the scope's population."""
    population = {rid: float(campaign.world.population[i])
                  for i, rid in enumerate(campaign.world.region_ids)}
    total = sum(population[r] for r in regions)
    return {r: population[r] / total for r in regions}


def start_values(campaign: Campaign, regions: list[str]) -> dict[str, float]:
    """Scope-level values before the first quarter, from the scenario's starting conditions."""
    share = weights(campaign, regions)
    setup = {r.id: r for r in campaign.scenario.regions}
    homicides = sum(setup[r].homicide_rate * setup[r].population / 4e5 for r in regions)
    return {
        "homicides": homicides,
        "legitimacy": sum(setup[r].legitimacy * w for r, w in share.items()),
        "police_integrity": sum(setup[r].police_integrity * w for r, w in share.items()),
        "judicial_integrity": sum(setup[r].judicial_integrity * w for r, w in share.items()),
    }


def scope_turn(campaign: Campaign, regions: Mapping[str, Mapping[str, float]],
                national: Mapping[str, float], scope: list[str]) -> dict[str, float]:
    """One quarter's headline numbers for the player's scope."""
    share = weights(campaign, scope)
    homicides = sum(float(regions[r]["homicides"]) for r in scope)
    population = sum(float(campaign.world.population[campaign.world.region_index(r)])
                     for r in scope)
    municipal = campaign.world.player_region is not None
    return {
        "homicides": round(homicides),
        "true_homicides": round(sum(float(regions[r]["true_homicides"]) for r in scope)),
        "homicide_rate": round(homicides * 4 / population * 1e5, 2),
        "legitimacy": round(sum(float(regions[r]["legitimacy"]) * w for r, w in share.items()),
                            4),
        "approval": round(float(regions[scope[0]]["mayor_approval"]) if municipal
                          else float(national["approval"]), 4),
        "abuses": round(sum(float(regions[r]["abuses"]) for r in scope)),
        "civilian_deaths": round(sum(float(regions[r]["civilian_deaths"]) for r in scope)),
    }


def scope_value(campaign: Campaign, name: str, scope: list[str], turn: int) -> float:
    """Population-weighted value of an indicator over the scope after a turn."""
    share = weights(campaign, scope)
    regions = campaign.records[turn - 1].regions
    return sum(float(regions[r][name]) * w for r, w in share.items())

"""Calibrate the IPS preset to the funnel of the IPS overview deck (seed 004).

The preset's placement, 30-day and 180-day parameters enter the model as plain factors, so the
expected funnel is proportional to each of them: scale each by target / simulated, twice, on a
large cohort. Prints the values to write under presets › ips_overview_deck › changes in
irt_sim/data/simulation.yaml.

    python tools/calibrate_ips.py
"""

from irt_sim.simulator.cohort import generate_cohort
from irt_sim.simulator.params import load_params
from irt_sim.simulator.engine import simulate

MEASURE_OF = {"place_irt": "placed_share", "keep30_irt": "employed_30_share_of_placed",
              "keep180_irt": "employed_180_share_of_placed"}
TARGET_OF = {"placed_share": "placed", "employed_30_share_of_placed": "employed_30_days_of_placed",
             "employed_180_share_of_placed": "employed_180_days_of_placed"}


def main() -> None:
    base = load_params()
    params, preset = base.preset("ips_overview_deck")
    cohort = generate_cohort(params, 200_000, preset.cohort.mix, seed=2024)
    for _ in range(3):
        means = simulate(cohort, params, pathways=[preset.pathway], replicates=4, seed=7).summary(
            list(MEASURE_OF.values())).set_index("measure")["mean"]
        changes = {name: params.values[name] * preset.targets[TARGET_OF[m]] / means[m] for name, m in MEASURE_OF.items()}
        params = params.replace(**changes)
    for name in MEASURE_OF:
        print(f"      {name}: {params.values[name]:.4f}")
    print("simulated:", {m: round(float(means[m]), 4) for m in MEASURE_OF.values()})


if __name__ == "__main__":
    main()

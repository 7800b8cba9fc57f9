import { join } from "path";
import { weightedSum } from "../../src/core/combine";
import { decile } from "../../src/core/decile";
import { expTransform } from "../../src/core/expTransform";
import { needRank } from "../../src/core/needRank";
import { readCsvColumns } from "../helpers/csv";

// Published figures: IMD 2025 (MHCLG, OGL v3) rebuilt from its seven published domain ranks with the
// IoD domain weights and the Appendix C transform at the IoD rank scaling (rank/N).
describe("IMD 2025 rebuilt from published domain ranks (all 33,755 LSOAs)", () => {
  const cols = readCsvColumns(join(__dirname, "../fixtures/imd2025_domain_ranks.csv.gz"));
  const domains = ["Income", "Employment", "Education", "Health", "Crime", "Housing_and_Services", "Environment"];
  const weights = [0.225, 0.225, 0.135, 0.135, 0.093, 0.093, 0.093];
  const n = cols.lsoa21_code.length;
  // published rank 1 = most deprived; the transform wants 1 = least deprived
  const transformed = domains.map((d) =>
    expTransform(
      cols[`${d}_rank`].map((r) => n + 1 - Number(r)),
      23,
      "iod",
    ),
  );
  const score = weightedSum(transformed, weights);
  const published = cols.IMD_score.map(Number);

  test("33,755 areas", () => expect(n).toBe(33755));

  test("every IMD score within 0.001 of the published value", () => {
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(score[i] - published[i]));
    expect(worst).toBeLessThan(0.001);
  });

  test("the HLN scaling (rank/(N+1)) would not reproduce them", () => {
    const hln = weightedSum(
      domains.map((d) =>
        expTransform(
          cols[`${d}_rank`].map((r) => n + 1 - Number(r)),
          23,
          "hln",
        ),
      ),
      weights,
    );
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(hln[i] - published[i]));
    expect(worst).toBeGreaterThan(0.01);
  });

  test("needRank and decile reproduce the published IMD rank and decile exactly", () => {
    const rank = needRank(score);
    const dec = decile(rank);
    let rankDiff = 0;
    let decDiff = 0;
    for (let i = 0; i < n; i++) {
      if (rank[i] !== Number(cols.IMD_rank[i])) rankDiff++;
      if (dec[i] !== Number(cols.IMD_decile[i])) decDiff++;
    }
    expect(rankDiff).toBe(0);
    expect(decDiff).toBe(0);
  });
});

/**
 * Native-mode formulas: the core's steps written with Excel built-in functions only (Excel 365 /
 * 2021: LET, FILTER, SORT, MATCH, MMULT, NORM.S.INV, …), one array formula per column over explicit
 * ranges, so a workbook recalculates with no add-in. Each builder mirrors one core function; the
 * doc of each says which and how ties, missing values and bad options are handled. LET names avoid
 * the names Excel refuses (r, c, anything that reads as a cell reference).
 *
 * Ranks are O(N log N) per column: the column's numbers are sorted once (SORT) and every area's
 * position found by binary search (MATCH type 1 on the ascending copy, type −1 on the descending copy),
 * never a per-cell RANK/COUNTIF over the whole column. Missing values ("" or errors) are not ranked
 * and not counted in N.
 */

/** 1 where `ref` holds a number (the missing-value rule of every step). */
export function isNum(ref: string): string {
  return `ISNUMBER(${ref})`;
}

/**
 * #(≤ x) and #(≥ x) by binary search in the sorted copies. The column's largest (smallest) value is
 * counted directly: LibreOffice 25.2's MATCH on an in-memory sorted array returns N − 1 instead of N
 * for the array's last element (one half-rank off at the extremes otherwise).
 */
const LE = `IF(val>=top,cnt,MATCH(val,ups,1))`;
const GE = `IF(val<=bottom,cnt,MATCH(val,downs,-1))`;

/**
 * Ascending rank with ties averaged (core rank / mapRanked, steps 6 and 8) of `val` among `nums`
 * (its numbers; `cnt` = ROWS(nums)): (first + last)/2 with first = N − #(≥ x) + 1, last = #(≤ x).
 */
function averageRankExpr(): string {
  return `(cnt-${GE}+1+${LE})/2`;
}

/**
 * LET prefix binding val (the column), nums (its numbers), cnt (N), the sorted copies ups and downs
 * (downs = ups reversed by INDEX: one SORT per column, a second SORT cost a quarter of the rank's
 * time in LibreOffice) and the extremes top and bottom. Bound once: written inline inside the per-area expression,
 * LibreOffice re-sorts for every area (30× slower at 3,000 areas).
 */
function rankLet(ref: string): string {
  return `val,${ref},nums,FILTER(val,ISNUMBER(val)),cnt,ROWS(nums),ups,SORT(nums),downs,INDEX(ups,cnt+1-SEQUENCE(cnt)),top,MAX(nums),bottom,MIN(nums)`;
}

/** The average rank of each number of `ref` ("" where missing). */
export function averageRank(ref: string): string {
  return `=LET(${rankLet(ref)},IF(ISNUMBER(val),${averageRankExpr()},""))`;
}

/** The offset a of the normal-score option (vdw 0, blom 3/8, rankit 1/2, tukey 1/3); #N/A for another value. */
function offsetExpr(offset: string): string {
  return `CHOOSE(MATCH(${offset},{"vdw","blom","rankit","tukey"},0),0,3/8,1/2,1/3)`;
}

/**
 * Step 6 (core normalScore): Φ⁻¹((rank − a)/(N + 1 − 2a)) with NORM.S.INV. `rank` is an average-rank
 * column (audit mode) or, when `fromValues`, the directed values themselves (ranked inline).
 * NORM.S.INV runs over the whole column in LET and the IF only picks: inside an array IF LibreOffice
 * calls it once per element (a quarter slower).
 */
export function normalScore(ref: string, offset: string, fromValues: boolean): string {
  const z = `zs,NORM.S.INV((rk-off)/(cnt+1-2*off))`;
  return fromValues
    ? `=LET(${rankLet(ref)},off,${offsetExpr(offset)},rk,${averageRankExpr()},${z},IF(ISNUMBER(val),zs,""))`
    : `=LET(rk,${ref},cnt,COUNT(rk),off,${offsetExpr(offset)},${z},IF(ISNUMBER(rk),zs,""))`;
}

/**
 * Step 8 / Appendix C (core expTransform + expScore): R = rank/(N + 1) (hln) or rank/N (iod), then
 * X = −C ln((1 − R) + R e^(−100/C)), X = 100 at R = 1. #N/A when C is not a number > 0 or the scaling
 * is neither hln nor iod. (The core switches to log1p forms for C ≥ 100 and C < 0.143; this direct form
 * agrees with them to ~1e-12 for C ≤ 10⁴.) LN/EXP run over the whole column in LET, outside the IFs
 * (10% faster in LibreOffice), as in normalScore.
 */
export function expTransform(ref: string, constant: string, scaling: string): string {
  return (
    `=LET(${rankLet(ref)},cst,${constant},scl,${scaling},rk,${averageRankExpr()},` +
    `big,IF(scl="iod",rk/cnt,IF(scl="hln",rk/(cnt+1),NA())),xt,-cst*LN((1-big)+big*EXP(-100/cst)),` +
    `ok,ISNUMBER(cst)*(cst>0),IF(ISNUMBER(val),IF(ok,IF(big>=1,100,xt),NA()),""))`
  );
}

/**
 * Steps 7 and 9 (core weightedSum): S = Σ w_j x_j over the columns of `range` with the weights in
 * the vertical range `weights` (MMULT). reweight: missing inputs dropped and the weights scaled up to
 * their total; propagate: any missing input gives "". #N/A when a weight is not a number ≥ 0, the
 * weights sum to 0, or the rule is another word.
 */
export function weightedSum(range: string, weights: string, missing: string): string {
  return (
    `=LET(xs,${range},wt,${weights},rule,${missing},ok,ISNUMBER(xs)*1,` +
    `sm,MMULT(IF(ok,xs,0),wt),used,MMULT(ok,wt),tot,SUM(wt),` +
    `bad,(COUNT(wt)<ROWS(wt))+(MIN(wt)<0)+(tot<=0),` +
    `IF(bad,NA(),IF(rule="reweight",IF(used=tot,sm,IF(used>0,sm*tot/used,"")),` +
    `IF(rule="propagate",IF(MMULT(ok,wt*0+1)=COLUMNS(xs),sm,""),NA()))))`
  );
}

/** Step 5 (core applyPolarity): value × polarity; #N/A unless the polarity cell is 1 or −1. */
export function polarity(src: string, pol: string): string {
  return `=LET(src,${src},pol,${pol},IF(ISNUMBER(pol)*((pol=1)+(pol=-1)),IF(ISNUMBER(src),src*pol,""),NA()))`;
}

/** Need rank (core needRank, like RANK.EQ(x, column, 0)): 1 + the number of larger values; ties share the best. */
export function needRank(ref: string): string {
  return `=LET(${rankLet(ref)},IF(ISNUMBER(val),cnt-${LE}+1,""))`;
}

/** Decile (core decile): ceil(10 × rank / N), N = the ranked areas (bound once, as in hotspot). */
export function decile(rank: string): string {
  return `=LET(rk,${rank},cnt,COUNT(rk),IF(ISNUMBER(rk),-INT(-10*rk/cnt),""))`;
}

/**
 * Hotspot (core hotspot): 1 where the need rank is in the most-needy 20% (5 × rank ≤ N), 0 where not.
 * N is bound once: a COUNT inside the IF is evaluated per area by LibreOffice (O(N²): 10 s at 33,755).
 */
export function hotspot(rank: string): string {
  return `=LET(rk,${rank},cnt,COUNT(rk),IF(ISNUMBER(rk),IF(5*rk<=cnt,1,0),""))`;
}

/** Composite numerator (core compositeCount): the sum of the components; "" when any is missing. */
export function composite(parts: string[]): string {
  return `=IF(${parts.map(isNum).join("*")},${parts.join("+")},"")`;
}

/**
 * Step 2 (core qa + qaTable): the 14 values of the QA table of one raw column (`input`, an array
 * expression with "" for missing), as one vertical array (CHOOSE over {1;…;14}). `upper` = 1 for a
 * proportion (else the "at upper" cells are blank). Thresholds: QA_DEFAULTS.
 */
export function qaValues(input: string, upper: boolean, t: { missing: number; zeros: number; upper: number }): string {
  const pct = (x: string) => `TEXT(${x},"0.0%")`;
  const items = [
    "tot",
    "miss",
    "SUM(ISERROR(v)*1)",
    "zer",
    upper ? "atu" : `""`,
    "shm",
    "shz",
    upper ? "shu" : `""`,
    `IF(np>0,MIN(v),"")`,
    `IF(np>0,MAX(v),"")`,
    "cons",
    `TEXTJOIN(", ",TRUE,IF(np=0,"empty",""),IF(shm>${t.missing},"missing",""),IF(shz>${t.zeros},"zeros",""),${upper ? `IF(shu>${t.upper},"upper","")` : `""`},IF(cons,"constant",""))`,
    `TEXTJOIN("; ",TRUE,IF(np=0,"no values",""),IF(shm>${t.missing},miss&" missing ("&${pct("shm")}&" > "&${pct(String(t.missing))}&")",""),` +
      `IF(shz>${t.zeros},zer&" zeros ("&${pct("shz")}&" > "&${pct(String(t.zeros))}&")",""),` +
      (upper
        ? `IF(shu>${t.upper},atu&" at the upper limit 1 ("&${pct("shu")}&" > "&${pct(String(t.upper))}&")","")`
        : `""`) +
      `,IF(cons,"every value is "&MIN(v),""))`,
    `(np>0)*(shm<=${t.missing})*(shz<=${t.zeros})*${upper ? `(shu<=${t.upper})` : "1"}*NOT(cons)=1`,
  ];
  return (
    `=LET(v,${input},ok,ISNUMBER(v),tot,ROWS(v),np,SUM(ok*1),miss,tot-np,zer,SUM(IF(ok,(v=0)*1,0)),` +
    `atu,SUM(IF(ok,(v>=1)*1,0)),shm,IF(tot>0,miss/tot,0),shz,IF(np>0,zer/np,0),shu,IF(np>0,atu/np,0),` +
    `cons,AND(np>0,MIN(v)=MAX(v)),` +
    `CHOOSE({${items.map((_, k) => k + 1).join(";")}},${items.join(",")}))`
  );
}

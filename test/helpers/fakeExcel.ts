/**
 * An in-memory Excel for tests: the part of the Excel JavaScript API the writer and the task pane
 * use, with Office.js's deferred semantics (setters and methods are queued and applied at
 * context.sync(); loaded properties are readable only after a sync; null objects resolve at sync).
 * Every sync records its estimated payload (JSON length of the values/formulas/formats queued),
 * whether calculation and screen updating were suspended, and which sheets it changed.
 *
 * No Node or jest imports: test/browser bundles it into the page to stand in for Excel.
 */

export type Cell = {
  v: unknown;
  f?: string;
  nf?: string;
  fmt?: Record<string, unknown>;
};

export class FakeSheet {
  cells = new Map<string, Cell>();
  props = new Map<string, string>();
  tabColor = "";
  visibility = "Visible";
  frozen: string | null = null;
  columnWidths = new Map<string, number>();
  /** Charts drawn on the sheet: name → properties set through the API (paths → values). */
  charts = new Map<string, Record<string, unknown>>();
  constructor(public name: string) {}
  key(r: number, c: number) {
    return `${r},${c}`;
  }
  get(r: number, c: number): Cell | undefined {
    return this.cells.get(this.key(r, c));
  }
  /** Value (or formula text) at an A1 cell. */
  at(a1: string): unknown {
    const { row, col } = parseA1(a1);
    const cell = this.get(row, col);
    return cell?.f ?? cell?.v ?? null;
  }
  /** Snapshot of all cell contents (for "unchanged" assertions). */
  snapshot(): string {
    return (
      JSON.stringify([...this.cells.entries()].sort(), null, 0) + `|${this.tabColor}|${this.frozen}|${[...this.props]}`
    );
  }
}

export interface SyncRecord {
  payload: number;
  ops: number;
  calcSuspended: boolean;
  screenSuspended: boolean;
  /** Sheets whose cells/format/properties changed in this sync. */
  touched: string[];
  /** Range.values / Range.formulas assignments in this sync. */
  valueWrites: number;
  /** Sheets that received a Range.values assignment in this sync. */
  valueSheets: string[];
  formulaWrites: number;
}

/** An Excel table: its name, sheet and range (A1, header row included). */
export interface FakeTable {
  name: string;
  sheet: string;
  address: string;
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  tables: FakeTable[] = [];
  names = new Map<string, { formula: string; comment?: string }>();
  syncs: SyncRecord[] = [];
  active = "";
  selection = "";
  calculations = 0;
  /** Called before each sync is applied (tests use it to cancel mid-build). */
  beforeSync?: (n: number) => void;
  /** Fails the n-th sync (1-based) with an error, to test error paths. */
  failAtSync?: number;
  /**
   * Share of the failing sync's queued operations applied before it throws (0: none, the default;
   * 0.5: the first half, the fault model of a sync that dies part-way through its batch).
   */
  failApplies = 0;
  /** Artificial latency per sync (ms), so a browser test can watch progress. */
  latencyMs = 0;
  /** Record syncs and payloads but skip cell writes over 1,000 cells (full-size runs without 3 M cell objects). */
  recordOnly = false;

  constructor(sheetNames: string[] = ["Sheet1"]) {
    for (const n of sheetNames) this.sheets.push(new FakeSheet(n));
    this.active = sheetNames[0] ?? "";
  }
  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  /** Fills a range of a sheet with values (setup of user content). */
  put(sheet: string, a1: string, values: unknown[][]): void {
    const s = this.sheet(sheet)!;
    const { row, col } = parseA1(a1);
    values.forEach((r, i) => r.forEach((v, j) => s.cells.set(s.key(row + i, col + j), { v })));
  }
  /** Fills a range with values (header row first) and makes it an Excel table named `name`. */
  addTable(name: string, sheet: string, a1: string, values: unknown[][]): void {
    this.put(sheet, a1, values);
    const { row, col } = parseA1(a1);
    const end = `${String.fromCharCode(...colLetters(col + (values[0]?.length ?? 1) - 1))}${row + values.length}`;
    this.tables.push({ name, sheet: this.sheet(sheet)!.name, address: `${a1}:${end}` });
  }
  context(): any {
    return createContext(this);
  }
  /** A deep copy (sheets, cells, names; not the sync log or hooks). */
  clone(): FakeWorkbook {
    const wb = new FakeWorkbook([]);
    wb.sheets = this.sheets.map((s) => {
      const c = new FakeSheet(s.name);
      for (const [k, cell] of s.cells) c.cells.set(k, { ...cell, ...(cell.fmt ? { fmt: { ...cell.fmt } } : {}) });
      c.props = new Map(s.props);
      c.tabColor = s.tabColor;
      c.visibility = s.visibility;
      c.frozen = s.frozen;
      c.columnWidths = new Map(s.columnWidths);
      c.charts = new Map([...s.charts].map(([n, p]) => [n, { ...p }]));
      return c;
    });
    wb.names = new Map([...this.names].map(([n, v]) => [n, { ...v }]));
    wb.tables = this.tables.map((t) => ({ ...t }));
    wb.active = this.active;
    return wb;
  }
}

/** A sheet name as a formula reference prefix: 'HLN Score'! (quoted when Excel would quote it). */
export function sheetPrefix(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? `${name}!` : `'${name.replace(/'/g, "''")}'!`;
}

/**
 * What Excel does to formulas elsewhere when a sheet is renamed (references follow it) or deleted
 * (references become #REF!): applied to every formula of the workbook.
 */
export function rewriteReferences(wb: FakeWorkbook, from: string, to: string | null): void {
  const esc = (t: string) => t.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&");
  const quoted = `'${esc(from.replace(/'/g, "''"))}'`;
  const bare = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(from) ? `|${esc(from)}` : "";
  const cellRef = "\\$?[A-Z]{1,3}\\$?\\d+(?::\\$?[A-Z]{1,3}\\$?\\d+)?";
  const pattern = new RegExp(`(?:${quoted}${bare})!(${cellRef})`, "gi");
  for (const sheet of wb.sheets)
    for (const cell of sheet.cells.values())
      if (cell.f) cell.f = cell.f.replace(pattern, (_m, ref) => (to === null ? "#REF!" : `${sheetPrefix(to)}${ref}`));
  for (const n of wb.names.values())
    n.formula = n.formula.replace(pattern, (_m, ref) => (to === null ? "#REF!" : `${sheetPrefix(to)}${ref}`));
}

/**
 * The value a single-cell reference such as `'HLN Score'!C3` resolves to (what a user's formula
 * `='HLN Score'!C3` would show): the cell's value, or "#REF!" when the sheet is gone.
 */
export function resolveReference(wb: FakeWorkbook, ref: string): unknown {
  if (ref.includes("#REF!")) return "#REF!";
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)$/i.exec(ref.replace(/^=/, ""));
  if (!m) throw new Error(`not a single-cell reference: ${ref}`);
  const sheet = wb.sheet((m[1] ?? m[2]).replace(/''/g, "'"));
  if (!sheet) return "#REF!";
  const cell = sheet.get(Number(m[4]) - 1, colIndex(m[3]));
  return cell?.v ?? cell?.f ?? null;
}

export function colIndex(letters: string): number {
  let c = 0;
  for (const ch of letters.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c - 1;
}

/** 0-based column → char codes of its letters. */
function colLetters(c: number): number[] {
  const out: number[] = [];
  let n = c + 1;
  while (n > 0) {
    out.unshift(65 + ((n - 1) % 26));
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function parseA1(a1: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a1);
  if (!m) throw new Error(`InvalidArgument: bad cell address ${a1}`);
  return { row: Number(m[2]) - 1, col: colIndex(m[1]) };
}

/** A1 range → rectangle; "A:A" whole columns; undefined = used range of the whole sheet. */
function parseRect(address: string | undefined): {
  row: number;
  col: number;
  rows: number;
  cols: number;
  whole?: boolean;
} {
  if (address === undefined) return { row: 0, col: 0, rows: 1048576, cols: 16384, whole: true };
  const [a, b = a] = address.split(":");
  if (/^[A-Za-z]+$/.test(a)) {
    const c1 = colIndex(a);
    const c2 = colIndex(b);
    return { row: 0, col: c1, rows: 1048576, cols: c2 - c1 + 1, whole: true };
  }
  const p = parseA1(a);
  const q = parseA1(b);
  return {
    row: p.row,
    col: p.col,
    rows: q.row - p.row + 1,
    cols: q.col - p.col + 1,
  };
}

class PropertyNotLoaded extends Error {}

/** An object that accepts any property path and method call, recording assignments into `props`. */
function sink(props: Record<string, unknown>, path: string): any {
  return new Proxy(function () {} as any, {
    get(_t, key: string) {
      if (key === "then") return undefined;
      return sink(props, path ? `${path}.${key}` : key);
    },
    set(_t, key: string, value) {
      props[path ? `${path}.${key}` : key] = value;
      return true;
    },
    apply(_t, _this, args) {
      props[`${path}()`] = args;
      return sink(props, `${path}()`);
    },
  });
}

/** Makes a proxy whose loaded scalar properties throw until a sync filled them. */
function loadable<T extends object>(
  target: T,
  fill: (props: string[]) => Record<string, unknown>,
  queue: Queue,
): T & { load: (p?: any) => T } {
  const loaded: Record<string, unknown> = {};
  const pending: string[] = [];
  const obj: any = target;
  obj.load = (p?: string | string[]) => {
    const props = p === undefined ? ["*"] : Array.isArray(p) ? p : p.split(",").map((x) => x.trim());
    pending.push(...props);
    queue.push({
      payload: 50,
      apply: () => Object.assign(loaded, fill(props)),
      reads: true,
    });
    return obj;
  };
  obj.__loaded = loaded;
  return obj;
}

interface QueuedOp {
  kind?: "values" | "formulas";
  payload: number;
  apply: () => void;
  sheet?: () => string | undefined;
  reads?: boolean;
}
type Queue = QueuedOp[];

function createContext(wb: FakeWorkbook): any {
  const queue: Queue = [];
  let calcSuspended = false;
  let screenSuspended = false;
  const est = (v: unknown) => JSON.stringify(v)?.length ?? 4;

  const sheetByName = (name: string): FakeSheet => {
    const s = wb.sheet(name);
    if (!s) throw new Error(`ItemNotFound: worksheet "${name}"`);
    return s;
  };

  const rangeProxy = (sheetName: () => string, address?: string): any => {
    const rect = parseRect(address);
    const touch = (payload: number, apply: (s: FakeSheet) => void, kind?: QueuedOp["kind"]) =>
      queue.push({
        kind,
        payload,
        apply: () => {
          const s = sheetByName(sheetName());
          if (!wb.recordOnly || (!rect.whole && rect.rows * rect.cols <= 1000)) apply(s);
        },
        sheet: sheetName,
      });
    const each = (s: FakeSheet, f: (cell: Cell, r: number, c: number) => void) => {
      if (rect.whole) {
        for (const [k, cell] of s.cells) {
          const [r, c] = k.split(",").map(Number);
          if (r >= rect.row && r < rect.row + rect.rows && c >= rect.col && c < rect.col + rect.cols) f(cell, r, c);
        }
        return;
      }
      for (let r = 0; r < rect.rows; r++)
        for (let c = 0; c < rect.cols; c++) {
          const key = s.key(rect.row + r, rect.col + c);
          let cell = s.cells.get(key);
          if (!cell) {
            cell = { v: null };
            s.cells.set(key, cell);
          }
          f(cell, r, c);
        }
    };
    const setGrid = (grid: unknown, asFormula: boolean) => {
      if (
        !Array.isArray(grid) ||
        grid.length !== rect.rows ||
        grid.some((r) => !Array.isArray(r) || r.length !== rect.cols)
      ) {
        throw new Error(
          `InvalidArgument: the ${rect.rows}×${rect.cols} range ${address} got a differently sized array`,
        );
      }
      touch(
        est(grid) + 100,
        (s) =>
          each(s, (cell, r, c) => {
            const v = (grid as unknown[][])[r][c];
            if (v === null || v === undefined) return; // null: no update (Office.js)
            if (typeof v === "number" && !Number.isFinite(v)) throw new Error("InvalidArgument: NaN in values");
            if (typeof v === "string" && v.startsWith("=")) {
              cell.f = v;
              cell.v = null;
            } else if (typeof v === "string" && v.startsWith("'")) {
              cell.f = undefined;
              cell.v = v.slice(1);
            } else {
              if (!asFormula && typeof v === "string" && /^[+\-@]/.test(v) && !Number.isFinite(Number(v)))
                cell.f = `=${v}`;
              else cell.f = undefined;
              cell.v = v === "" ? null : v;
            }
          }),
        asFormula ? "formulas" : "values",
      );
    };
    const fmtSetter = (group: string) =>
      new Proxy(
        {},
        {
          set(_t, prop: string, value) {
            touch(est(value) + 60, (s) => {
              if (prop === "columnWidth") {
                for (let c = 0; c < rect.cols; c++) s.columnWidths.set(String(rect.col + c), value);
                return;
              }
              each(s, (cell) => {
                cell.fmt = { ...cell.fmt, [`${group}${prop}`]: value };
              });
            });
            return true;
          },
        },
      );
    const format: any = new Proxy(
      { fill: fmtSetter("fill."), font: fmtSetter("font.") },
      {
        set(t, prop: string, value) {
          (fmtSetter("") as any)[prop] = value;
          return true;
        },
        get(t: any, prop: string) {
          return t[prop];
        },
      },
    );
    const r: any = loadable(
      {
        address: undefined as unknown,
        format,
        clear: () =>
          touch(80, (s) => {
            for (const k of [...s.cells.keys()]) {
              const [rr, cc] = k.split(",").map(Number);
              if (rr >= rect.row && rr < rect.row + rect.rows && cc >= rect.col && cc < rect.col + rect.cols)
                s.cells.delete(k);
            }
          }),
        getUsedRangeOrNullObject: (valuesOnly?: boolean) => usedIn(sheetName, rect, valuesOnly === true),
        select: () =>
          queue.push({
            payload: 50,
            apply: () => ((wb.selection = `${sheetName()}!${address}`), (wb.active = sheetName())),
          }),
      },
      (props) => {
        const s = sheetByName(sheetName());
        const out: Record<string, unknown> = {};
        const grid = (pick: (c: Cell | undefined) => unknown) =>
          Array.from({ length: rect.rows }, (_, i) =>
            Array.from({ length: rect.cols }, (_, j) => pick(s.get(rect.row + i, rect.col + j))),
          );
        for (const p of props) {
          if (p === "values" || p === "*") out.values = grid((c) => c?.v ?? "");
          if (p === "formulas" || p === "*") out.formulas = grid((c) => c?.f ?? c?.v ?? "");
          if (p === "address" || p === "*") out.address = `${sheetName()}!${address}`;
        }
        return out;
      },
      queue,
    );
    for (const p of ["values", "formulas", "numberFormat", "address"]) {
      Object.defineProperty(r, p, {
        get() {
          if (!(p in r.__loaded)) throw new PropertyNotLoaded(`PropertyNotLoaded: range.${p}`);
          return r.__loaded[p];
        },
        set(v) {
          if (p === "values") setGrid(v, false);
          else if (p === "formulas") setGrid(v, true);
          else if (p === "numberFormat") {
            const scalar = !Array.isArray(v);
            if (!scalar) setGrid; // 2-D number formats are accepted as-is
            touch(est(v) + 60, (s) =>
              each(s, (cell, i, j) => {
                cell.nf = scalar ? v : v[i][j];
              }),
            );
          } else throw new Error(`read-only ${p}`);
        },
      });
    }
    return r;
  };

  /** Range.getUsedRangeOrNullObject: the used cells inside `rect`, resolved at sync (address, isNullObject). */
  const usedIn = (sheetName: () => string, rect: ReturnType<typeof parseRect>, valuesOnly: boolean): any => {
    const u: any = loadable(
      {},
      () => {
        const s = sheetByName(sheetName());
        let r1 = Infinity;
        let c1 = Infinity;
        let r2 = -1;
        let c2 = -1;
        for (const [k, cell] of s.cells) {
          if (valuesOnly && (cell.v === null || cell.v === "") && !cell.f) continue;
          const [r, c] = k.split(",").map(Number);
          if (r < rect.row || r >= rect.row + rect.rows || c < rect.col || c >= rect.col + rect.cols) continue;
          r1 = Math.min(r1, r);
          c1 = Math.min(c1, c);
          r2 = Math.max(r2, r);
          c2 = Math.max(c2, c);
        }
        if (r2 < 0) return { isNullObject: true, address: undefined };
        const a = (r: number, c: number) => `${String.fromCharCode(...colLetters(c))}${r + 1}`;
        return { isNullObject: false, address: `${sheetName()}!${a(r1, c1)}:${a(r2, c2)}` };
      },
      queue,
    );
    for (const p of ["isNullObject", "address"])
      Object.defineProperty(u, p, {
        get() {
          if (!(p in u.__loaded)) throw new PropertyNotLoaded(`PropertyNotLoaded: ${p}`);
          return u.__loaded[p];
        },
      });
    return u;
  };

  const worksheetProxy = (getName: () => string, isNull: () => boolean = () => false): any => {
    const ws: any = loadable(
      {
        getRange: (address?: string) => rangeProxy(getName, address),
        getUsedRangeOrNullObject: (valuesOnly?: boolean) => usedIn(getName, parseRect(undefined), valuesOnly === true),
        getUsedRange: () => {
          const s = sheetByName(getName());
          let r1 = Infinity;
          let c1 = Infinity;
          let r2 = 0;
          let c2 = 0;
          for (const k of s.cells.keys()) {
            const [r, c] = k.split(",").map(Number);
            r1 = Math.min(r1, r);
            c1 = Math.min(c1, c);
            r2 = Math.max(r2, r);
            c2 = Math.max(c2, c);
          }
          const a = (r: number, c: number) => `${String.fromCharCode(...colLetters(c))}${r + 1}`;
          return rangeProxy(getName, Number.isFinite(r1) ? `${a(r1, c1)}:${a(r2, c2)}` : "A1");
        },
        activate: () =>
          queue.push({
            payload: 40,
            apply: () => (wb.active = sheetByName(getName()).name),
          }),
        delete: () =>
          queue.push({
            payload: 40,
            sheet: getName,
            apply: () => {
              const s = sheetByName(getName());
              wb.sheets = wb.sheets.filter((x) => x !== s);
              rewriteReferences(wb, s.name, null);
            },
          }),
        freezePanes: {
          freezeRows: (n: number) =>
            queue.push({
              payload: 40,
              sheet: getName,
              apply: () => (sheetByName(getName()).frozen = `rows:${n}`),
            }),
          freezeColumns: (n: number) =>
            queue.push({
              payload: 40,
              sheet: getName,
              apply: () => (sheetByName(getName()).frozen = `cols:${n}`),
            }),
          freezeAt: (a: string) =>
            queue.push({
              payload: 40,
              sheet: getName,
              apply: () => (sheetByName(getName()).frozen = `at:${a}`),
            }),
          unfreeze: () =>
            queue.push({
              payload: 40,
              sheet: getName,
              apply: () => (sheetByName(getName()).frozen = null),
            }),
        },
        charts: {
          add: (type: string, source: any, seriesBy: string) => {
            const props: Record<string, unknown> = { type, seriesBy };
            const entry = { props, name: `Chart ${Math.random().toString(36).slice(2, 8)}` };
            queue.push({
              payload: 120,
              sheet: getName,
              apply: () => {
                const n = (props.name as string) ?? entry.name;
                sheetByName(getName()).charts.set(n, props);
              },
            });
            return sink(props, "");
          },
          getItemOrNullObject: (name: string) => {
            const item: any = { isNullObject: true };
            queue.push({ payload: 40, apply: () => (item.isNullObject = !wb.sheet(getName())?.charts.has(name)) });
            item.delete = () =>
              queue.push({ payload: 40, sheet: getName, apply: () => sheetByName(getName()).charts.delete(name) });
            return item;
          },
        },
        customProperties: {
          add: (key: string, value: string) =>
            queue.push({
              payload: 60,
              sheet: getName,
              apply: () => sheetByName(getName()).props.set(key, value),
            }),
          getItemOrNullObject: (key: string) => {
            const prop: any = loadable(
              {},
              () => {
                const s = wb.sheet(getName());
                const has = !isNull() && !!s && s.props.has(key);
                return {
                  isNullObject: !has,
                  value: has ? s!.props.get(key) : undefined,
                };
              },
              queue,
            );
            for (const p of ["isNullObject", "value"])
              Object.defineProperty(prop, p, {
                get() {
                  if (!(p in prop.__loaded)) throw new PropertyNotLoaded(`PropertyNotLoaded: ${p}`);
                  return prop.__loaded[p];
                },
              });
            return prop;
          },
        },
      },
      () => ({
        isNullObject: isNull(),
        name: isNull() ? undefined : getName(),
      }),
      queue,
    );
    for (const p of ["isNullObject", "name"])
      Object.defineProperty(ws, p, {
        get() {
          if (!(p in ws.__loaded)) throw new PropertyNotLoaded(`PropertyNotLoaded: worksheet.${p}`);
          return ws.__loaded[p];
        },
        set(v: string) {
          if (p !== "name") throw new Error(`read-only ${p}`);
          queue.push({
            payload: 60,
            sheet: () => v,
            apply: () => {
              const s = sheetByName(getName());
              if (wb.sheet(v) && wb.sheet(v) !== s) throw new Error(`ItemAlreadyExists: worksheet "${v}"`);
              const old = s.name;
              s.name = v;
              rewriteReferences(wb, old, v);
            },
          });
        },
      });
    Object.defineProperty(ws, "tabColor", {
      set(v: string) {
        queue.push({
          payload: 40,
          sheet: getName,
          apply: () => (sheetByName(getName()).tabColor = v),
        });
      },
    });
    Object.defineProperty(ws, "visibility", {
      set(v: string) {
        queue.push({ payload: 40, sheet: getName, apply: () => (sheetByName(getName()).visibility = v) });
      },
    });
    return ws;
  };

  const worksheets: any = loadable(
    {
      getItem: (name: string) => worksheetProxy(() => sheetByName(name).name),
      getItemOrNullObject: (name: string) => {
        // resolved when the load is applied
        return worksheetProxy(
          () => wb.sheet(name)?.name ?? name,
          () => !wb.sheet(name),
        );
      },
      add: (name: string) => {
        queue.push({
          payload: 60,
          sheet: () => name,
          apply: () => {
            if (wb.sheet(name)) throw new Error(`ItemAlreadyExists: worksheet "${name}"`);
            if (name.length > 31 || /[\\/?*[\]:]/.test(name)) throw new Error(`InvalidArgument: sheet name "${name}"`);
            wb.sheets.push(new FakeSheet(name));
          },
        });
        return worksheetProxy(() => name);
      },
    },
    () => ({ items: wb.sheets.map((s) => ({ name: s.name })) }),
    queue,
  );
  Object.defineProperty(worksheets, "items", {
    get() {
      if (!("items" in worksheets.__loaded)) throw new PropertyNotLoaded("PropertyNotLoaded: items");
      return worksheets.__loaded.items;
    },
  });

  const names: any = loadable(
    {
      add: (name: string, reference: string, comment?: string) =>
        queue.push({
          payload: est([name, reference, comment]) + 60,
          apply: () => {
            if (wb.names.has(name)) throw new Error(`ItemAlreadyExists: name ${name}`);
            wb.names.set(name, { formula: reference, comment });
          },
        }),
      getItem: (name: string) => names.getItemOrNullObject(name),
      getItemOrNullObject: (name: string) => {
        const item: any = loadable(
          {
            delete: () => queue.push({ payload: 40, apply: () => wb.names.delete(name) }),
            set formula(ref: string) {
              queue.push({
                payload: est(ref) + 60,
                apply: () => {
                  const n = wb.names.get(name);
                  if (!n) throw new Error(`ItemNotFound: name ${name}`);
                  n.formula = ref;
                },
              });
            },
          },
          () => ({ isNullObject: !wb.names.has(name), name }),
          queue,
        );
        for (const p of ["isNullObject", "name"])
          Object.defineProperty(item, p, {
            get() {
              if (!(p in item.__loaded)) throw new PropertyNotLoaded(`PropertyNotLoaded: ${p}`);
              return item.__loaded[p];
            },
          });
        return item;
      },
    },
    () => ({
      items: [...wb.names.entries()].map(([name, v]) => ({
        name,
        formula: v.formula,
      })),
    }),
    queue,
  );

  // workbook.tables: items/name, and each table's worksheet and range (resolved at sync)
  const tableOf = (name: string) => wb.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  const tableProxy = (name: string): any => ({
    name,
    worksheet: worksheetProxy(() => tableOf(name)?.sheet ?? `(no table ${name})`),
    getRange: () => rangeProxy(() => tableOf(name)?.sheet ?? `(no table ${name})`, tableOf(name)?.address ?? "A1"),
  });
  const tables: any = loadable(
    { getItem: (name: string) => tableProxy(name) },
    () => ({ items: wb.tables.map((t) => tableProxy(t.name)) }),
    queue,
  );
  Object.defineProperty(tables, "items", {
    get() {
      if (!("items" in tables.__loaded)) throw new PropertyNotLoaded("PropertyNotLoaded: items");
      return tables.__loaded.items;
    },
  });

  const application = {
    suspendApiCalculationUntilNextSync: () => {
      calcSuspended = true;
    },
    suspendScreenUpdatingUntilNextSync: () => {
      screenSuspended = true;
    },
    calculate: () => queue.push({ payload: 30, apply: () => wb.calculations++ }),
  };

  const context: any = {
    workbook: {
      worksheets,
      names,
      tables,
      application,
      getSelectedRange: () => rangeProxy(() => wb.active, "A1"),
    },
    async sync() {
      const n = wb.syncs.length + 1;
      wb.beforeSync?.(n);
      const ops = queue.splice(0, queue.length);
      const rec: SyncRecord = {
        payload: ops.reduce((s, o) => s + o.payload, 0),
        ops: ops.length,
        calcSuspended,
        screenSuspended,
        touched: [],
        valueWrites: ops.filter((o) => o.kind === "values").length,
        formulaWrites: ops.filter((o) => o.kind === "formulas").length,
        valueSheets: [],
      };
      calcSuspended = false;
      screenSuspended = false;
      wb.syncs.push(rec);
      if (wb.latencyMs > 0) await new Promise((r) => setTimeout(r, wb.latencyMs));
      const failing = wb.failAtSync === n;
      const applied = failing ? ops.slice(0, Math.floor(ops.length * wb.failApplies)) : ops;
      const touched = new Set<string>();
      const valueSheets = new Set<string>();
      try {
        for (const o of applied) {
          let s: string | undefined;
          try {
            s = o.sheet?.();
          } catch {
            s = undefined; // a sheet added by this op
          }
          o.apply();
          s ??= o.sheet?.();
          if (s) touched.add(s);
          if (s && o.kind === "values") valueSheets.add(s);
        }
      } finally {
        rec.touched = [...touched];
        rec.valueSheets = [...valueSheets];
      }
      if (failing) throw new Error("GeneralException: injected failure");
    },
  };
  return context;
}

/** `Excel`-like global for the browser: Excel.run over a FakeWorkbook. */
export function fakeExcelGlobal(wb: FakeWorkbook): {
  run: <T>(f: (ctx: any) => Promise<T>) => Promise<T>;
} {
  return {
    run: async <T>(f: (ctx: any) => Promise<T>) => f(wb.context()),
  };
}

/** Row (0-based) whose column `col` (default A) holds `id` on a fake sheet; throws naming the sheet when none does. */
export function rowOf(sheet: FakeSheet, id: string, col = 0): number {
  for (const [k, cell] of sheet.cells) {
    const [r, c] = k.split(",").map(Number);
    if (c === col && cell.v === id) return r;
  }
  throw new Error(`no row ${id} in column ${col} of ${sheet.name}`);
}

/**
 * The hidden "HLN State" sheet through Office.js (its cells are src/workbook/buildState.ts): read it,
 * take the build lock before the first write, keep the lock's progress time fresh with every batch,
 * release it when the build ends. Office.js has no compare-and-swap, so the lock is claimed, left to
 * settle, then read back: of two builds claiming together, the one whose claim landed last keeps it and
 * the other refuses before writing anything else. (Two claims less than one round trip apart, from two
 * machines, could both see their own claim; every batch re-reads the owner, so the loser stops at its
 * next sync — see docs/taskpane.md.)
 */
import { rangeAddress } from "./a1";
import {
  type BuildLock,
  type BuildState,
  type BuildStatus,
  lockRows,
  lockStatus,
  readState,
  type SavedSettings,
  STATE_COLS,
  STATE_ROW,
  STATE_ROWS,
  stateSheet,
  statusRows,
} from "./buildState";

type Ctx = Excel.RequestContext;

/** Worksheet custom property that marks a sheet the add-in created (value: plan version). */
export const OWNER_KEY = "HLN.addin";
/** Worksheet custom property: the sheet's role in the plan ("weights", "score", … or "state"). */
export const ROLE_KEY = "HLN.role";
/** Worksheet custom property: "building", "complete" or "incomplete" (set with the tab colour). */
export const STATUS_KEY = "HLN.status";

/** Who is building: this pane's id (kept for the pane's session) and a label for other users. */
export interface BuildSession {
  owner: string;
  label: string;
  /** Clock (tests inject one). */
  now?: () => number;
  /** Take a stale lock (the user said "Break the lock"). */
  breakStaleLock?: boolean;
  /** Settings of this build and of the build it replaces, saved before anything else is written. */
  target?: SavedSettings | null;
  previous?: SavedSettings | null;
  /** Awaited between claiming the lock and reading it back (default: 250 ms). */
  settle?: () => Promise<void>;
}

export class BuildLockedError extends Error {
  readonly code = "LOCKED";
  constructor(
    message: string,
    readonly lock: BuildLock | null,
    readonly stale: boolean,
  ) {
    super(message);
    this.name = "BuildLockedError";
  }
}

/** "14:05 on 1 Dec 2026" in the user's locale. */
export function when(ms: number): string {
  const d = new Date(ms);
  return `${d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })} on ${d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" })}`;
}

/** The refusal message for a lock held by another build. */
export function lockedMessage(lock: BuildLock, stale: boolean): string {
  const who = lock.label ? ` (${lock.label})` : "";
  return stale
    ? `a build of these HLN sheets${who} started at ${when(lock.started)} and has made no progress since ${when(lock.progress)}: it has probably stopped. Break its lock to build.`
    : `another build of these HLN sheets${who} is running: it started at ${when(lock.started)} (last progress ${when(lock.progress)}). Wait for it to finish, then build again.`;
}

const STATE_RANGE = rangeAddress(0, 0, STATE_ROWS, STATE_COLS);

/** The state sheet's cells, or null when there is no such sheet (two syncs). */
export async function readStateSheet(context: Ctx, name: string): Promise<BuildState | null> {
  const ws = context.workbook.worksheets.getItemOrNullObject(name);
  ws.load("name");
  await context.sync();
  if (ws.isNullObject) return null;
  const range = ws.getRange(STATE_RANGE);
  range.load("values");
  await context.sync();
  return readState(range.values as unknown[][]);
}

/**
 * Takes the lock of the sheets of one build (state sheet `name`): refuses (BuildLockedError) when
 * another build holds it; writes the lock, "building" and the saved settings; reads the owner back.
 * Returns whether the state sheet was created and the syncs made (3 or 4).
 */
export async function acquireLock(
  context: Ctx,
  name: string,
  session: BuildSession,
  version: string,
): Promise<{ created: boolean; syncs: number; prior: BuildStatus }> {
  const now = session.now ?? Date.now;
  const existing = await readStateSheet(context, name);
  const held = lockStatus(existing?.lock ?? null, session.owner, now());
  if (held === "active" || (held === "stale" && !session.breakStaleLock))
    throw new BuildLockedError(lockedMessage(existing!.lock!, held === "stale"), existing!.lock, held === "stale");
  const t = now();
  const lock: BuildLock = { owner: session.owner, label: session.label, started: t, progress: t };
  let ws: Excel.Worksheet;
  if (existing) ws = context.workbook.worksheets.getItem(name);
  else {
    ws = context.workbook.worksheets.add(name);
    ws.customProperties.add(OWNER_KEY, version);
    ws.customProperties.add(ROLE_KEY, "state");
    ws.visibility = "Hidden" as Excel.SheetVisibility;
  }
  ws.getRange(STATE_RANGE).values = stateSheet(lock, session.target ?? null, session.previous ?? null);
  context.workbook.application.suspendApiCalculationUntilNextSync();
  context.workbook.application.suspendScreenUpdatingUntilNextSync();
  try {
    await context.sync();
  } catch (e) {
    // another build added the state sheet between our read and our write
    const other = await readStateSheet(context, name).catch(() => null);
    if (other?.lock) throw new BuildLockedError(lockedMessage(other.lock, false), other.lock, false);
    throw e;
  }
  const prior = existing?.status ?? "complete";
  await (session.settle ?? (() => new Promise<void>((r) => setTimeout(r, 250))))();
  const owner = ws.getRange(rangeAddress(STATE_ROW.owner, 1, 1, 1));
  owner.load("values");
  try {
    await context.sync();
  } catch (e) {
    await releaseIfOurs(context, name, session, prior).catch(() => undefined);
    throw e;
  }
  if (String(owner.values[0][0]) !== session.owner) {
    const other = await readStateSheet(context, name);
    const l = other?.lock ?? lock;
    throw new BuildLockedError(lockedMessage(l, false), l, false);
  }
  return { created: !existing, syncs: existing ? 4 : 3, prior };
}

/**
 * Gives the lock back after a build stopped before writing anything but the state sheet: if this
 * session still holds it, the lock is cleared and the status put back to what it was (two syncs).
 */
export async function releaseIfOurs(
  context: Ctx,
  name: string,
  session: BuildSession,
  status: BuildStatus,
): Promise<void> {
  const state = await readStateSheet(context, name);
  if (state?.lock?.owner !== session.owner) return;
  queueRelease(context.workbook.worksheets.getItem(name), status);
  await context.sync();
}

/**
 * Queues the lock's progress time and a read of its owner; after the sync, `stillOurs()` says whether
 * this build still holds the lock (another build may have broken it as stale).
 */
export function queueHeartbeat(ws: Excel.Worksheet, session: BuildSession): () => boolean {
  ws.getRange(rangeAddress(STATE_ROW.progress, 1, 1, 1)).values = [[(session.now ?? Date.now)()]];
  const owner = ws.getRange(rangeAddress(STATE_ROW.owner, 1, 1, 1));
  owner.load("values");
  // read by the caller after its sync
  // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read
  return () => String(owner.values[0][0]) === session.owner;
}

/** Queues the end of a build: its status (and step) and the lock released. */
export function queueRelease(ws: Excel.Worksheet, status: BuildStatus, stoppedAt = ""): void {
  ws.getRange(rangeAddress(STATE_ROW.owner, 0, 4, STATE_COLS)).values = lockRows(null);
  ws.getRange(rangeAddress(STATE_ROW.status, 0, 2, STATE_COLS)).values = statusRows(status, stoppedAt);
}

import { MeasureSpec, validateSpec } from "../spec";
import hln from "./hln.json";

/** The shipped default measure: the HLN measure of the paper (validated at load). */
export const hlnSpec: MeasureSpec = validateSpec(hln);

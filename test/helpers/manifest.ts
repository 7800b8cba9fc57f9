/**
 * Offline validation of the add-in-only (XML) manifest. No package installed here ships Microsoft's XML
 * schema for add-in manifests (OfficeAppManifestV1_1.xsd and the taskpaneappversionoverrides schema),
 * and `npm run validate` needs the network, so the schema's rules for every element this manifest
 * uses are written out below, after Microsoft's manifest element reference (learn.microsoft.com,
 * javascript/api/manifest) and the [MS-OWEMXML] simple types: child elements, their order (the schema's
 * xs:sequence) and counts, allowed and required attributes, enumerations and string lengths
 * (ShortString 1–125, LongString 1–250, URLs ≤ 2048, resource ids ≤ 32). An element without a rule is
 * itself a problem, so a new element must come with its rule.
 */

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** A tiny XML reader for a well-formed, entity-free manifest (tags, attributes, text). */
export function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: "#root", attrs: {}, children: [], text: "" };
  const stack = [root];
  const re = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      top.text += m[5].trim();
    } else if (m[2]) {
      if (m[1]) {
        const closed = stack.pop() as XmlNode;
        if (closed.name !== m[2]) throw new Error(`</${m[2]}> closes <${closed.name}>`);
      } else {
        const attrs: Record<string, string> = {};
        for (const a of m[3].matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attrs[a[1]] = a[2];
        const node: XmlNode = { name: m[2], attrs, children: [], text: "" };
        top.children.push(node);
        if (!m[4]) stack.push(node);
      }
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (root.children.length !== 1) throw new Error("not exactly one root element");
  return root.children[0];
}

export function all(node: XmlNode, name: string, out: XmlNode[] = []): XmlNode[] {
  if (node.name === name) out.push(node);
  for (const c of node.children) all(c, name, out);
  return out;
}

type Check = (value: string) => string | null;
interface Rule {
  /** Child elements in schema order: [name, min, max]. */
  children?: [string, number, number][];
  /** Attributes: name → check (null: any value). Required ones are listed in `required`. */
  attrs?: Record<string, Check | null>;
  required?: string[];
  /** The element's text (leaf elements with content). */
  text?: Check;
}

const N = Infinity;
const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
};
const is =
  (...values: string[]): Check =>
  (v) =>
    values.includes(v) ? null : `"${v}" is not one of ${values.join(", ")}`;
const length =
  (max: number): Check =>
  (v) =>
    v.length >= 1 && v.length <= max ? null : `length ${v.length} is outside 1–${max}`;
const pattern =
  (re: RegExp, what: string): Check =>
  (v) =>
    re.test(v) ? null : `"${v}" is not ${what}`;
const httpsUrl: Check = (v) => {
  try {
    const u = new URL(v);
    if (u.protocol !== "https:") return `"${v}" is not https`;
  } catch {
    return `"${v}" is not a URL`;
  }
  return v.length <= 2048 ? null : "URL longer than 2048";
};
const short = length(125);
const long = length(250);
const resid = length(32);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const setVersion = pattern(/^\d+(\.\d+)?$/, "a requirement-set version like 1.12");
const override: [string, number, number] = ["Override", 0, N];

/** Element key: its name, plus [xsi:type] for elements whose content depends on the type. */
function key(n: XmlNode): string {
  return ["ExtensionPoint", "Control", "Action"].includes(n.name) ? `${n.name}[${n.attrs["xsi:type"]}]` : n.name;
}

/** Rules by path (element keys from the root, joined by "/"); "VO" abbreviates OfficeApp/VersionOverrides. */
const RULES: Record<string, Rule> = {
  OfficeApp: {
    children: [
      ["Id", 1, 1],
      ["AlternateId", 0, 1],
      ["Version", 1, 1],
      ["ProviderName", 1, 1],
      ["DefaultLocale", 1, 1],
      ["DisplayName", 1, 1],
      ["Description", 1, 1],
      ["IconUrl", 0, 1],
      ["HighResolutionIconUrl", 0, 1],
      ["SupportUrl", 0, 1],
      ["AppDomains", 0, 1],
      ["Hosts", 0, 1],
      ["Requirements", 0, 1],
      ["DefaultSettings", 1, 1],
      ["Permissions", 1, 1],
      ["VersionOverrides", 0, 1],
    ],
    attrs: {
      xmlns: is(NS.app),
      "xmlns:xsi": is(NS.xsi),
      "xmlns:bt": is(NS.bt),
      "xmlns:ov": is(NS.ov),
      "xsi:type": is("TaskPaneApp"),
    },
    required: ["xmlns", "xmlns:xsi", "xsi:type"],
  },
  "OfficeApp/Id": { text: pattern(GUID, "a GUID") },
  "OfficeApp/Version": { text: pattern(/^\d{1,5}(\.\d{1,5}){0,3}$/, "a version of up to four numbers") },
  "OfficeApp/ProviderName": { text: short },
  "OfficeApp/DefaultLocale": { text: pattern(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a culture name like en-GB") },
  "OfficeApp/DisplayName": { attrs: { DefaultValue: short }, required: ["DefaultValue"], children: [override] },
  "OfficeApp/Description": { attrs: { DefaultValue: long }, required: ["DefaultValue"], children: [override] },
  "OfficeApp/IconUrl": { attrs: { DefaultValue: httpsUrl }, required: ["DefaultValue"], children: [override] },
  "OfficeApp/HighResolutionIconUrl": {
    attrs: { DefaultValue: httpsUrl },
    required: ["DefaultValue"],
    children: [override],
  },
  "OfficeApp/SupportUrl": { attrs: { DefaultValue: httpsUrl }, required: ["DefaultValue"], children: [override] },
  "OfficeApp/AppDomains": { children: [["AppDomain", 0, N]] },
  "OfficeApp/AppDomains/AppDomain": { text: (v) => httpsUrl(v) ?? long(v) },
  "OfficeApp/Hosts": { children: [["Host", 1, N]] },
  "OfficeApp/Hosts/Host": {
    attrs: { Name: is("Document", "Database", "Mailbox", "Notebook", "Presentation", "Project", "Workbook") },
    required: ["Name"],
  },
  "OfficeApp/Requirements": {
    children: [
      ["Sets", 0, 1],
      ["Methods", 0, 1],
    ],
  },
  "OfficeApp/Requirements/Sets": { children: [["Set", 1, N]], attrs: { DefaultMinVersion: setVersion } },
  "OfficeApp/Requirements/Sets/Set": { attrs: { Name: short, MinVersion: setVersion }, required: ["Name"] },
  "OfficeApp/DefaultSettings": { children: [["SourceLocation", 1, 1]] },
  "OfficeApp/DefaultSettings/SourceLocation": {
    attrs: { DefaultValue: httpsUrl },
    required: ["DefaultValue"],
    children: [override],
  },
  "OfficeApp/Permissions": {
    text: is("Restricted", "ReadDocument", "ReadAllDocument", "WriteDocument", "ReadWriteDocument"),
  },
  "OfficeApp/VersionOverrides": {
    children: [
      ["Description", 0, 1],
      ["Requirements", 0, 1],
      ["Hosts", 1, 1],
      ["Resources", 0, 1],
    ],
    attrs: { xmlns: is(NS.ov), "xsi:type": is("VersionOverridesV1_0") },
    required: ["xmlns", "xsi:type"],
  },
  "VO/Hosts": { children: [["Host", 1, N]] },
  "VO/Hosts/Host": {
    children: [
      ["Runtimes", 0, 1],
      ["AllFormFactors", 0, 1],
      ["DesktopFormFactor", 0, 1],
      ["MobileFormFactor", 0, 1],
    ],
    attrs: { "xsi:type": is("Workbook", "Document", "Presentation", "Notebook") },
    required: ["xsi:type"],
  },
  "VO/Hosts/Host/Runtimes": { children: [["Runtime", 1, N]] },
  "VO/Hosts/Host/Runtimes/Runtime": { attrs: { resid, lifetime: is("short", "long") }, required: ["resid"] },
  "VO/Hosts/Host/AllFormFactors": { children: [["ExtensionPoint[CustomFunctions]", 1, 1]] },
  "VO/Hosts/Host/AllFormFactors/ExtensionPoint[CustomFunctions]": {
    children: [
      ["Script", 1, 1],
      ["Page", 1, 1],
      ["Metadata", 1, 1],
      ["Namespace", 1, 1],
    ],
    attrs: { "xsi:type": null },
    required: ["xsi:type"],
  },
  "VO/Hosts/Host/AllFormFactors/ExtensionPoint[CustomFunctions]/Script": { children: [["SourceLocation", 1, 1]] },
  "VO/Hosts/Host/AllFormFactors/ExtensionPoint[CustomFunctions]/Page": { children: [["SourceLocation", 1, 1]] },
  "VO/Hosts/Host/AllFormFactors/ExtensionPoint[CustomFunctions]/Metadata": {
    children: [["SourceLocation", 1, 1]],
  },
  "VO/Hosts/Host/AllFormFactors/ExtensionPoint[CustomFunctions]/*/SourceLocation": {
    attrs: { resid },
    required: ["resid"],
  },
  "VO/Hosts/Host/AllFormFactors/ExtensionPoint[CustomFunctions]/Namespace": {
    attrs: { resid },
    required: ["resid"],
  },
  "VO/Hosts/Host/DesktopFormFactor": {
    children: [
      ["GetStarted", 0, 1],
      ["FunctionFile", 1, 1],
      ["ExtensionPoint[PrimaryCommandSurface]", 0, 1],
    ],
  },
  "VO/Hosts/Host/DesktopFormFactor/GetStarted": {
    children: [
      ["Title", 1, 1],
      ["Description", 1, 1],
      ["LearnMoreUrl", 0, 1],
    ],
  },
  "VO/Hosts/Host/DesktopFormFactor/GetStarted/*": { attrs: { resid }, required: ["resid"] },
  "VO/Hosts/Host/DesktopFormFactor/FunctionFile": { attrs: { resid }, required: ["resid"] },
  "VO/Hosts/Host/DesktopFormFactor/ExtensionPoint[PrimaryCommandSurface]": {
    children: [
      ["CustomTab", 0, 1],
      ["OfficeTab", 0, 1],
    ],
    attrs: { "xsi:type": null },
    required: ["xsi:type"],
  },
  "VO/Hosts/Host/DesktopFormFactor/ExtensionPoint[PrimaryCommandSurface]/OfficeTab": {
    children: [["Group", 1, N]],
    attrs: {
      id: is(
        "TabHome",
        "TabInsert",
        "TabPageLayoutExcel",
        "TabFormulas",
        "TabData",
        "TabReview",
        "TabView",
        "TabDeveloper",
        "TabAddIns",
      ),
    },
    required: ["id"],
  },
  "VO/Hosts/Host/DesktopFormFactor/ExtensionPoint[PrimaryCommandSurface]/OfficeTab/Group": {
    children: [
      ["Label", 1, 1],
      ["Icon", 1, 1],
      ["Control[Button]", 1, N],
    ],
    attrs: { id: short },
    required: ["id"],
  },
  "VO/Hosts/Host/DesktopFormFactor/ExtensionPoint[PrimaryCommandSurface]/OfficeTab/Group/Control[Button]": {
    children: [
      ["Label", 1, 1],
      ["Supertip", 1, 1],
      ["Icon", 1, 1],
      ["Action[ShowTaskpane]", 1, 1],
    ],
    attrs: { id: short, "xsi:type": null },
    required: ["id", "xsi:type"],
  },
  "VO/Hosts/Host/DesktopFormFactor/ExtensionPoint[PrimaryCommandSurface]/OfficeTab/Group/Control[Button]/Supertip": {
    children: [
      ["Title", 1, 1],
      ["Description", 1, 1],
    ],
  },
  "VO/Hosts/Host/DesktopFormFactor/ExtensionPoint[PrimaryCommandSurface]/OfficeTab/Group/Control[Button]/Action[ShowTaskpane]":
    {
      children: [
        ["TaskpaneId", 0, 1],
        ["SourceLocation", 1, 1],
        ["Title", 0, 1],
      ],
      attrs: { "xsi:type": null },
      required: ["xsi:type"],
    },
  "*/Action[ShowTaskpane]/TaskpaneId": { text: short },
  "*/Action[ShowTaskpane]/SourceLocation": { attrs: { resid }, required: ["resid"] },
  "*/Icon": { children: [["bt:Image", 1, N]] },
  "*/Icon/bt:Image": {
    attrs: { size: is("16", "20", "24", "32", "40", "48", "64", "80"), resid },
    required: ["size", "resid"],
  },
  "*/Label": { attrs: { resid }, required: ["resid"] },
  "*/Supertip/*": { attrs: { resid }, required: ["resid"] },
  "VO/Resources": {
    children: [
      ["bt:Images", 0, 1],
      ["bt:Urls", 0, 1],
      ["bt:ShortStrings", 0, 1],
      ["bt:LongStrings", 0, 1],
    ],
  },
  "VO/Resources/bt:Images": { children: [["bt:Image", 1, N]] },
  "VO/Resources/bt:Images/bt:Image": { attrs: { id: resid, DefaultValue: httpsUrl }, required: ["id", "DefaultValue"] },
  "VO/Resources/bt:Urls": { children: [["bt:Url", 1, N]] },
  "VO/Resources/bt:Urls/bt:Url": { attrs: { id: resid, DefaultValue: httpsUrl }, required: ["id", "DefaultValue"] },
  "VO/Resources/bt:ShortStrings": { children: [["bt:String", 1, N]] },
  "VO/Resources/bt:ShortStrings/bt:String": {
    attrs: { id: resid, DefaultValue: short },
    required: ["id", "DefaultValue"],
  },
  "VO/Resources/bt:LongStrings": { children: [["bt:String", 1, N]] },
  "VO/Resources/bt:LongStrings/bt:String": {
    attrs: { id: resid, DefaultValue: long },
    required: ["id", "DefaultValue"],
  },
};

/** Rule keys with "*": a leading "*" matches any run of elements, an inner one exactly one element. */
const PATTERNS: [RegExp, Rule][] = Object.keys(RULES)
  .filter((k) => k.includes("*"))
  .sort((x, y) => y.length - x.length)
  .map((k) => {
    const esc = (seg: string) => seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const re = k
      .split("/")
      .map((seg, i) => (seg !== "*" ? esc(seg) : i === 0 ? ".+" : "[^/]+"))
      .join("/");
    return [new RegExp(`^${re}$`), RULES[k]];
  });

/** The rule for a path: the exact key, else the longest matching pattern. */
function ruleFor(path: string[]): Rule | undefined {
  const joined = path.join("/").replace(/^OfficeApp\/VersionOverrides\//, "VO/");
  return RULES[joined] ?? PATTERNS.find(([re]) => re.test(joined))?.[1];
}

/** Which resource list each referencing element's resid must name (bt:Urls, bt:ShortStrings, …). */
function residKind(path: string[]): string {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (last === "bt:Image") return "bt:Images";
  if (["SourceLocation", "Runtime", "FunctionFile", "LearnMoreUrl"].includes(last)) return "bt:Urls";
  if (last === "Description") return "bt:LongStrings";
  if (parent === "Supertip" && last === "Title") return "bt:ShortStrings";
  return "bt:ShortStrings"; // Label, Title, Namespace
}

/** Every rule violation in the manifest, as "path: message" lines (empty when valid). */
export function manifestProblems(root: XmlNode): string[] {
  const problems: string[] = [];
  const resources = new Map<string, string>(); // id → list (bt:Urls, …)
  for (const list of ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"])
    for (const l of all(root, list))
      for (const r of l.children) {
        if (resources.has(r.attrs.id)) problems.push(`resource id ${r.attrs.id} is declared twice`);
        resources.set(r.attrs.id, list);
      }
  const visit = (node: XmlNode, path: string[]) => {
    const where = path.join("/");
    const rule = ruleFor(path);
    if (!rule) {
      problems.push(`${where}: no rule for this element (add one from the manifest reference)`);
      return;
    }
    for (const [a, value] of Object.entries(node.attrs)) {
      if (!rule.attrs || !(a in rule.attrs)) problems.push(`${where}: unexpected attribute ${a}`);
      else {
        const msg = rule.attrs[a]?.(value);
        if (msg) problems.push(`${where}@${a}: ${msg}`);
      }
    }
    for (const a of rule.required ?? []) if (!(a in node.attrs)) problems.push(`${where}: missing attribute ${a}`);
    if (rule.text) {
      const msg = rule.text(node.text);
      if (msg) problems.push(`${where}: ${msg}`);
    } else if (node.text) problems.push(`${where}: unexpected text "${node.text}"`);
    if ("resid" in node.attrs) {
      const kind = residKind(path);
      const found = resources.get(node.attrs.resid);
      if (found !== kind)
        problems.push(`${where}: resid ${node.attrs.resid} is ${found ?? "undeclared"}, not in ${kind}`);
    }
    // children in schema order, each within its count
    const order = rule.children ?? [];
    let pos = 0;
    const counts = new Map<string, number>();
    for (const c of node.children) {
      const k = key(c);
      const at = order.findIndex(([name]) => name === k);
      if (at < 0) problems.push(`${where}: <${k}> is not allowed here`);
      else if (at < pos)
        problems.push(`${where}: <${k}> is out of order (schema order: ${order.map((o) => o[0]).join(", ")})`);
      else pos = at;
      counts.set(k, (counts.get(k) ?? 0) + 1);
      visit(c, [...path, k]);
    }
    for (const [name, min, max] of order) {
      const n = counts.get(name) ?? 0;
      if (n < min || n > max) problems.push(`${where}: ${n} × <${name}>, expected ${min}–${max === N ? "n" : max}`);
    }
  };
  visit(root, [key(root)]);
  return problems;
}

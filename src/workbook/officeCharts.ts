/**
 * Office.js: draws the charts of the charts sheet (src/workbook/plan/charts.ts) on an already written
 * sheet. Call after the sheet's cells are written, in the same Excel.run. Needs ExcelApi 1.7
 * (reversePlotOrder); names make a rebuild replace the previous charts.
 */
import type { ChartsSheetPlan } from "./plan/charts";
import type { ChartSpec } from "./planTypes";

export async function addCharts(
  context: Excel.RequestContext,
  sheetName: string,
  spec: ChartsSheetPlan | ChartSpec[],
): Promise<Excel.Chart[]> {
  const charts = Array.isArray(spec) ? spec : spec.charts;
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const old = charts.map((c) => sheet.charts.getItemOrNullObject(c.name));
  await context.sync();
  for (const o of old) if (!o.isNullObject) o.delete();
  const out: Excel.Chart[] = [];
  for (const c of charts) {
    const chart = sheet.charts.add(
      c.type as Excel.ChartType,
      sheet.getRange(c.source),
      c.seriesBy as Excel.ChartSeriesBy,
    );
    chart.name = c.name;
    chart.title.text = c.title;
    chart.title.format.font.size = 12;
    chart.legend.visible = false;
    chart.setPosition(c.topLeft, c.bottomRight);
    const cat = chart.axes.categoryAxis;
    const val = chart.axes.valueAxis;
    cat.title.text = c.categoryAxisTitle;
    val.title.text = c.valueAxisTitle;
    if (c.numberFormat) val.numberFormat = c.numberFormat;
    if (c.reverseCategories) cat.reversePlotOrder = true;
    const series = chart.series.getItemAt(0);
    series.format.fill.setSolidColor(c.colour);
    series.gapWidth = c.gapWidth;
    out.push(chart);
  }
  await context.sync();
  return out;
}

package dev.burnrate.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import net.sf.jasperreports.charts.JRChart;
import net.sf.jasperreports.charts.JRChartCustomizer;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDifferenceRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * Line styles of the burn-down charts (burndown.jrxml), which JRXML cannot express: burned solid,
 * required pace dashed, forecast dotted, the forecast band shaded between its low and high lines,
 * the period minimum a thin line. A series without any value (the forecast of a period without
 * data) has no legend entry. Only styling: the series and their values come from the report.
 */
public final class BurndownChartCustomizer implements JRChartCustomizer {
  private static final Color BAND = new Color(0x0E, 0xA5, 0xE9, 60);

  @Override
  public void customize(JFreeChart chart, JRChart jasperChart) {
    if (!(chart.getPlot() instanceof XYPlot plot)
        || !(plot.getDataset() instanceof TimeSeriesCollection series)) {
      return;
    }
    plot.setDomainGridlinePaint(new Color(0xE5E7EB));
    plot.setRangeGridlinePaint(new Color(0xE5E7EB));
    plot.setOutlineVisible(false);
    XYItemRenderer renderer = plot.getRenderer();
    if (renderer instanceof XYLineAndShapeRenderer lines) {
      // one path per series, so a dash pattern runs across the daily points instead of restarting
      lines.setDrawSeriesLineAsPath(true);
    }
    int low = -1;
    int high = -1;
    for (int i = 0; i < series.getSeriesCount(); i++) {
      if (!hasValue(series.getSeries(i))) {
        renderer.setSeriesVisibleInLegend(i, false);
      }
      String name = String.valueOf(series.getSeriesKey(i));
      switch (name) {
        case "Burned" -> style(renderer, i, stroke(2.0f), new Color(0x1E3A8A));
        case "Required pace" -> style(renderer, i, dashed(1.0f, 4f, 3f), new Color(0x6B7280));
        case "Forecast" -> style(renderer, i, dashed(1.5f, 1.5f, 2.5f), new Color(0x0284C7));
        case "Period minimum" -> style(renderer, i, stroke(1.0f), new Color(0xB91C1C));
        case "Forecast low" -> low = i;
        case "Forecast high" -> high = i;
        default -> {
          // a series this customizer does not know keeps the theme's style
        }
      }
    }
    if (low >= 0 && high >= 0) {
      // the band: the area between low and high, drawn by a second renderer under the lines
      TimeSeriesCollection band = new TimeSeriesCollection();
      band.addSeries(copy(series.getSeries(high)));
      band.addSeries(copy(series.getSeries(low)));
      XYDifferenceRenderer shade = new XYDifferenceRenderer(BAND, BAND, false);
      shade.setSeriesPaint(0, BAND);
      shade.setSeriesPaint(1, BAND);
      shade.setSeriesVisibleInLegend(0, false);
      shade.setSeriesVisibleInLegend(1, false);
      plot.setDataset(1, band);
      plot.setRenderer(1, shade);
      plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
      renderer.setSeriesVisible(low, false);
      renderer.setSeriesVisibleInLegend(low, false);
      renderer.setSeriesVisible(high, false);
      renderer.setSeriesVisibleInLegend(high, false);
    }
  }

  /** The band's series without the days before the forecast starts (no value there). */
  private static TimeSeries copy(TimeSeries source) {
    TimeSeries copy = new TimeSeries(source.getKey());
    for (int i = 0; i < source.getItemCount(); i++) {
      Number v = source.getValue(i);
      if (v != null) {
        copy.add(source.getTimePeriod(i), v);
      }
    }
    return copy;
  }

  private static boolean hasValue(TimeSeries series) {
    for (int i = 0; i < series.getItemCount(); i++) {
      if (series.getValue(i) != null) {
        return true;
      }
    }
    return false;
  }

  private static void style(XYItemRenderer renderer, int series, Stroke stroke, Color color) {
    renderer.setSeriesStroke(series, stroke);
    renderer.setSeriesPaint(series, color);
  }

  private static Stroke stroke(float width) {
    return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }

  private static Stroke dashed(float width, float on, float off) {
    return new BasicStroke(
        width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {on, off}, 0f);
  }
}

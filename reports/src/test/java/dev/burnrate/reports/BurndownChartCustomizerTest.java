package dev.burnrate.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.junit.jupiter.api.Test;

/** The burn-down chart's legend names the lines it draws. */
class BurndownChartCustomizerTest {

  /**
   * A period without data (fct_commitment_status no_data) has its burn and required pace but no
   * forecast or band: the legend has no Forecast entry. A period with a forecast keeps it; the
   * band's low and high lines are never in the legend (the shaded band is drawn without one).
   */
  @Test
  void aForecastWithoutValuesHasNoLegendEntry() {
    assertEquals(List.of("Burned", "Required pace", "Period minimum"), legend(chart(false)));
    assertEquals(
        List.of("Burned", "Required pace", "Forecast", "Period minimum"), legend(chart(true)));
  }

  /** Three days, the first burned, the last two forecast (or not). */
  private static JFreeChart chart(boolean forecast) {
    Day[] days = {new Day(1, 9, 2026), new Day(2, 9, 2026), new Day(3, 9, 2026)};
    TimeSeriesCollection data = new TimeSeriesCollection();
    data.addSeries(series("Burned", days, 1.0, null, null));
    data.addSeries(series("Required pace", days, 1.0, 2.0, 3.0));
    Double f = forecast ? 2.5 : null;
    data.addSeries(series("Forecast", days, null, f, f));
    data.addSeries(series("Forecast low", days, null, f, f));
    data.addSeries(series("Forecast high", days, null, f, f));
    data.addSeries(series("Period minimum", days, 3.0, 3.0, 3.0));
    JFreeChart chart = ChartFactory.createTimeSeriesChart(null, null, null, data);
    new BurndownChartCustomizer().customize(chart, null);
    return chart;
  }

  private static TimeSeries series(String name, Day[] days, Double... values) {
    TimeSeries s = new TimeSeries(name);
    for (int i = 0; i < days.length; i++) {
      s.add(days[i], values[i]);
    }
    return s;
  }

  private static List<String> legend(JFreeChart chart) {
    LegendItemCollection items = chart.getPlot().getLegendItems();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < items.getItemCount(); i++) {
      labels.add(items.get(i).getLabel());
    }
    return labels;
  }
}

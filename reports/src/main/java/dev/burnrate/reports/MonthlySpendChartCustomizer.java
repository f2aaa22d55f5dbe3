package dev.burnrate.reports;

import java.util.Locale;
import net.sf.jasperreports.charts.JRChart;
import net.sf.jasperreports.charts.JRChartCustomizer;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;

/**
 * The value axis of the monthly spend chart (executive-summary.jrxml) scales to the amounts it
 * shows: its tick labels carry as many decimals as the tick size needs (a fixed mask printed "0 0 0
 * -0" for amounts below one unit), and it spans at least one unit of the chart's scale (one dollar,
 * one thousand, ...), so months without spend do not stretch a range of a few billionths.
 */
public final class MonthlySpendChartCustomizer implements JRChartCustomizer {
  /** The smallest range the value axis spans, in the chart's unit. */
  static final double MINIMUM_RANGE = 1.0;

  @Override
  public void customize(JFreeChart chart, JRChart jasperChart) {
    if (chart.getPlot() instanceof CategoryPlot plot
        && plot.getRangeAxis() instanceof NumberAxis axis) {
      axis.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.US));
      axis.setNumberFormatOverride(null);
      axis.setAutoRangeIncludesZero(true);
      axis.setAutoRangeMinimumSize(MINIMUM_RANGE);
    }
  }
}

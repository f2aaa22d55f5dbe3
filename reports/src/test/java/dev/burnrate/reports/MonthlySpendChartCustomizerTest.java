package dev.burnrate.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Test;

/** The monthly spend chart's value axis labels the amounts it shows, however small. */
class MonthlySpendChartCustomizerTest {

  /**
   * Two months of a few dollars (chart unit: dollars, so 1.20 + 0.35 and 0.80 - 0.10): the axis
   * spans at least 0..1.55, its ticks step by 0.2 or less, and every label is distinct (a fixed
   * "#,##0" style mask printed 0 0 0 -0).
   */
  @Test
  void smallAmountsGetDistinctLabelsWithTheirDecimals() {
    List<String> labels = tickLabels(dataset(1.20, 0.35, 0.80, -0.10));

    assertTrue(labels.size() >= 4, "ticks: " + labels);
    assertEquals(labels.size(), labels.stream().distinct().count(), "distinct: " + labels);
    assertFalse(labels.contains("-0"), labels.toString());
    assertTrue(labels.stream().anyMatch(l -> l.contains(".")), "decimals shown: " + labels);
  }

  /** Months without spend: the axis spans one unit of the chart (0..1), not a few billionths. */
  @Test
  void monthsWithoutSpendSpanOneUnit() {
    JFreeChart chart = chart(dataset(0, 0, 0, 0));
    NumberAxis axis = (NumberAxis) ((CategoryPlot) chart.getPlot()).getRangeAxis();
    draw(chart);

    assertTrue(axis.getRange().getLength() >= 1.0, "range " + axis.getRange());
    List<String> labels = tickLabels(dataset(0, 0, 0, 0));
    assertEquals(labels.size(), labels.stream().distinct().count(), "distinct: " + labels);
  }

  private static DefaultCategoryDataset dataset(double a1, double b1, double a2, double b2) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    data.addValue(a1, "AWS", "Sep '26");
    data.addValue(b1, "Microsoft", "Sep '26");
    data.addValue(a2, "AWS", "Oct '26");
    data.addValue(b2, "Microsoft", "Oct '26");
    return data;
  }

  private static JFreeChart chart(DefaultCategoryDataset data) {
    JFreeChart chart = ChartFactory.createStackedBarChart(null, null, "USD", data);
    new MonthlySpendChartCustomizer().customize(chart, null);
    return chart;
  }

  private static void draw(JFreeChart chart) {
    BufferedImage image = new BufferedImage(523, 230, BufferedImage.TYPE_INT_RGB);
    Graphics2D g2 = image.createGraphics();
    chart.draw(g2, new Rectangle2D.Double(0, 0, 523, 230));
    g2.dispose();
  }

  private static List<String> tickLabels(DefaultCategoryDataset data) {
    JFreeChart chart = chart(data);
    draw(chart);
    NumberAxis axis = (NumberAxis) ((CategoryPlot) chart.getPlot()).getRangeAxis();
    BufferedImage image = new BufferedImage(523, 230, BufferedImage.TYPE_INT_RGB);
    Graphics2D g2 = image.createGraphics();
    List<String> labels = new ArrayList<>();
    for (Object tick :
        axis.refreshTicks(
            g2, new AxisState(), new Rectangle2D.Double(40, 10, 470, 190), RectangleEdge.LEFT)) {
      String text = ((NumberTick) tick).getText();
      if (!text.isEmpty()) { // minor ticks carry no label
        labels.add(text);
      }
    }
    g2.dispose();
    return labels;
  }
}

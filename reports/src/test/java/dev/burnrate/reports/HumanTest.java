package dev.burnrate.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class HumanTest {
  @Test
  void moneyScalesToOneDecimal() {
    assertEquals("$38.0B", Human.money(new BigDecimal("38000000000"), "USD"));
    assertEquals("$412.3M", Human.money(new BigDecimal("412345678.90"), "USD"));
    assertEquals("€968.4M", Human.money(new BigDecimal("968400000"), "EUR"));
    assertEquals("CHF 12.5K", Human.money(new BigDecimal("12500"), "CHF"));
    assertEquals("$950", Human.money(new BigDecimal("950.40"), "USD"));
    assertEquals("-£1.2M", Human.money(new BigDecimal("-1234567"), "GBP"));
  }

  @Test
  void unitBoundariesNeverShowAThousandOfTheSmallerUnit() {
    assertEquals("$999", Human.money(new BigDecimal("999.49"), "USD"));
    assertEquals("$1.0K", Human.money(new BigDecimal("999.5"), "USD"));
    assertEquals("$999.9K", Human.money(new BigDecimal("999949"), "USD"));
    assertEquals("$1.0M", Human.money(new BigDecimal("999950"), "USD"));
    assertEquals("$1.0B", Human.money(new BigDecimal("999950000"), "USD"));
  }

  @Test
  void commitmentAmountsUseTheirUnit() {
    assertEquals("$3.2B", Human.amount(new BigDecimal("3200000000"), "Spend", "USD"));
    assertEquals("12.0M GPU-hours", Human.amount(new BigDecimal("12000000"), "Usage", "GPU-hours"));
    assertEquals(
        "-475.1K GPU-hours",
        Human.signedAmount(new BigDecimal("-475068.49"), "Usage", "GPU-hours"));
    assertEquals("+$8.6M", Human.signedAmount(new BigDecimal("8623287.67"), "Spend", "USD"));
  }

  @Test
  void pricesKeepCents() {
    assertEquals("$4.76", Human.price(new BigDecimal("4.7561"), "USD"));
    assertEquals("$0.0042", Human.price(new BigDecimal("0.0042"), "USD"));
    assertEquals("$1.2K", Human.price(new BigDecimal("1234.5"), "USD"));
  }

  @Test
  void nullStaysNullSoCellsStayBlank() {
    assertNull(Human.money(null, "USD"));
    assertNull(Human.amount(null, "Spend", "USD"));
    assertNull(Human.percent(null));
    assertEquals("80.7%", Human.percent(80.7));
  }
}

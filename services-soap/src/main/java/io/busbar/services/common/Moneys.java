package io.busbar.services.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;

import io.busbar.contract.common.v1.Money;

/** Money arithmetic: amounts carry their currency, and a currency's minor units decide the scale. */
public final class Moneys {

    private Moneys() {
    }

    public static Money of(BigDecimal amount, String currency) {
        Money money = new Money();
        money.setAmount(amount.setScale(scale(currency), RoundingMode.UNNECESSARY));
        money.setCurrency(currency);
        return money;
    }

    public static Money zero(String currency) {
        return of(BigDecimal.ZERO, currency);
    }

    /** Number of minor-unit digits of an ISO 4217 currency; refuses codes that are not currencies. */
    public static int scale(String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return Math.max(digits, 0);
        } catch (IllegalArgumentException e) {
            throw new ServiceException.InvalidRequest("UNKNOWN_CURRENCY", currency + " is not an ISO 4217 currency",
                    List.of(new FieldViolation("currency", "not an ISO 4217 currency")));
        }
    }

    /**
     * Checks that an amount is in the expected currency and uses no more decimals than the currency has; returns it
     * at the currency's scale.
     */
    public static BigDecimal amountIn(Money money, String currency, String field, boolean positive) {
        if (money == null || money.getAmount() == null) {
            throw invalid(field, "is required");
        }
        if (!currency.equals(money.getCurrency())) {
            throw new ServiceException.InvalidRequest("CURRENCY_MISMATCH",
                    field + " is in " + money.getCurrency() + " but must be in " + currency,
                    List.of(new FieldViolation(field + ".currency", "must be " + currency)));
        }
        BigDecimal amount = money.getAmount();
        int scale = scale(currency);
        if (amount.stripTrailingZeros().scale() > scale) {
            throw invalid(field + ".amount", "has more than " + scale + " decimals for " + currency);
        }
        if (positive ? amount.signum() <= 0 : amount.signum() < 0) {
            throw invalid(field + ".amount", positive ? "must be more than 0" : "must not be negative");
        }
        return amount.setScale(scale, RoundingMode.UNNECESSARY);
    }

    private static ServiceException.InvalidRequest invalid(String field, String reason) {
        return new ServiceException.InvalidRequest("INVALID_AMOUNT", field + " " + reason,
                List.of(new FieldViolation(field, reason)));
    }
}

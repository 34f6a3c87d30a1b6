package dev.cnnc.summary;

/** A non-negative rational number; receptive-field jumps become fractions after upsampling. */
record Fraction(long numerator, long denominator) {

    static final Fraction ONE = new Fraction(1, 1);

    Fraction {
        if (denominator <= 0) {
            throw new IllegalArgumentException("denominator " + denominator);
        }
        long gcd = gcd(Math.abs(numerator), denominator);
        if (gcd > 1) {
            numerator /= gcd;
            denominator /= gcd;
        }
    }

    static Fraction of(long value) {
        return new Fraction(value, 1);
    }

    Fraction plus(Fraction other) {
        return new Fraction(numerator * other.denominator + other.numerator * denominator, denominator * other.denominator);
    }

    Fraction times(long factor) {
        return new Fraction(numerator * factor, denominator);
    }

    Fraction dividedBy(long divisor) {
        return new Fraction(numerator, denominator * divisor);
    }

    int compareTo(Fraction other) {
        return Long.compare(numerator * other.denominator, other.numerator * denominator);
    }

    @Override
    public String toString() {
        return denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? Math.max(a, 1) : gcd(b, a % b);
    }
}

package dev.portrait.server.users;

/** Phone numbers as the store keeps them: digits only, with the country code, no '+'. */
public final class Phones {
    private Phones() {
    }

    /** The digits of a number as typed ("+1 (555) 000-1234"), or null when it is not a phone number. */
    public static String normalize(String typed) {
        if (typed == null) return null;
        StringBuilder digits = new StringBuilder(16);
        for (int i = 0; i < typed.length(); i++) {
            char ch = typed.charAt(i);
            if (ch >= '0' && ch <= '9') digits.append(ch);
            else if (ch == '+' && digits.isEmpty() && i == typed.indexOf('+')) continue;
            else if (ch != ' ' && ch != '-' && ch != '(' && ch != ')' && ch != '.') return null;
        }
        return digits.length() >= 5 && digits.length() <= 15 ? digits.toString() : null;
    }

    /** Telegram's test DCs give numbers 99966XYYYY the code X repeated five times. */
    public static String testCode(String phone) {
        if (phone.length() == 10 && phone.startsWith("99966")) return String.valueOf(phone.charAt(5)).repeat(5);
        return null;
    }
}

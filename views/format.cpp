#include "format.h"

#include <cmath>

namespace dci {

QLocale displayLocale()
{
    QLocale locale;
    if (locale.language() == QLocale::C) {
        // Built once: a locale looked up by language and country costs more than the
        // number it formats, and labels format thousands of numbers per edit.
        static const QLocale english = [] {
            QLocale l(QLocale::English, QLocale::UnitedStates);
            l.setNumberOptions(QLocale::DefaultNumberOptions);
            return l;
        }();
        return english;
    }
    if (locale.numberOptions() != QLocale::DefaultNumberOptions)
        locale.setNumberOptions(QLocale::DefaultNumberOptions);
    return locale;
}

QString formatCount(std::int64_t n)
{
    return displayLocale().toString(static_cast<qlonglong>(n));
}

QString formatCompactCount(std::int64_t n)
{
    const QLocale locale = displayLocale();
    const double v = static_cast<double>(n);
    // Below 10k the exact figure is short enough; above, three significant digits
    // are what a label on a drawing needs.
    const auto compact = [&](double scaled, const char *suffix) {
        const int decimals = scaled < 10.0 ? 1 : 0;
        QString text = locale.toString(scaled, 'f', decimals);
        if (decimals > 0 && text.endsWith(locale.decimalPoint() + QLatin1Char('0')))
            text.chop(1 + locale.decimalPoint().size());
        return text + QLatin1String(suffix);
    };
    if (std::abs(v) >= 1e6)
        return compact(v / 1e6, "M");
    if (std::abs(v) >= 1e4)
        return compact(v / 1e3, "k");
    return locale.toString(static_cast<qlonglong>(n));
}

QString formatMw(double mw)
{
    return displayLocale().toString(mw, 'f', 1) + QStringLiteral(" MW");
}

QString formatKm(double km)
{
    return displayLocale().toString(km, 'f', km < 100.0 ? 1 : 0) + QStringLiteral(" km");
}

QString formatMs(double ms)
{
    const int decimals = ms < 1.0 ? 2 : (ms < 100.0 ? 1 : 0);
    return displayLocale().toString(ms, 'f', decimals) + QStringLiteral(" ms");
}

namespace {
// Three significant digits: "2.06", "25.6", "392".
QString threeDigits(double v)
{
    const int decimals = std::abs(v) < 10.0 ? 2 : (std::abs(v) < 100.0 ? 1 : 0);
    return displayLocale().toString(v, 'f', decimals);
}
} // namespace

QString formatRate(double gbps)
{
    if (std::abs(gbps) >= 1000.0)
        return threeDigits(gbps / 1000.0) + QStringLiteral(" Tb/s");
    return displayLocale().toString(gbps, 'f', std::abs(gbps) < 10.0 ? 1 : 0) + QStringLiteral(" Gb/s");
}

QString formatRateOf(double gbps, double ofGbps)
{
    const QString rate = formatRate(gbps);
    const QString of = formatRate(ofGbps);
    // One unit for both when they share it: "23.2 / 38.4 Tb/s".
    const qsizetype space = rate.lastIndexOf(QLatin1Char(' '));
    if (space > 0 && of.endsWith(rate.mid(space)))
        return rate.left(space) + QStringLiteral(" / ") + of;
    return rate + QStringLiteral(" / ") + of;
}

QString formatUsd(double usd)
{
    const double a = std::abs(usd);
    if (a >= 1e9)
        return QStringLiteral("$") + threeDigits(usd / 1e9) + QStringLiteral("B");
    if (a >= 1e6)
        return QStringLiteral("$") + threeDigits(usd / 1e6) + QStringLiteral("M");
    if (a >= 1e4)
        return QStringLiteral("$") + threeDigits(usd / 1e3) + QStringLiteral("k");
    return QStringLiteral("$") + displayLocale().toString(usd, 'f', 0);
}

QString formatPercent(double fraction)
{
    return displayLocale().toString(fraction * 100.0, 'f', 1) + QStringLiteral("%");
}

QString formatSeconds(double s)
{
    if (s < 1.0)
        return formatMs(s * 1000.0);
    return displayLocale().toString(s, 'f', s < 100.0 ? 2 : 0) + QStringLiteral(" s");
}

std::optional<double> parsePlainNumber(const QString &input)
{
    QString t = input.trimmed();
    t.remove(QLatin1Char(' '));
    t.remove(QLatin1Char('_'));
    bool ok = false;
    double v = displayLocale().toDouble(t, &ok);
    if (!ok)
        v = QLocale::c().toDouble(t, &ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

QFont pixelFont(int px, bool bold)
{
    QFont font;
    font.setPixelSize(px);
    font.setBold(bold);
    return font;
}

} // namespace dci

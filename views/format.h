#pragma once

#include <QFont>
#include <QLocale>
#include <QString>

#include <cstdint>
#include <optional>

namespace dci {

// Number formatting shared by the canvas, the status bar and (later) tables, so one
// quantity reads the same everywhere.

// The user's locale, or US English when the process runs in the C locale (CI, tests),
// which would otherwise print "440000" without group separators.
QLocale displayLocale();

QString formatCount(std::int64_t n);          // "440,000"
QString formatCompactCount(std::int64_t n);   // "100k", "16.4k", "1.2M", "512"
QString formatMw(double mw);                  // "904.3 MW"
QString formatKm(double km);                  // "1,402 km", "18.3 km"
QString formatMs(double ms);                  // "7.0 ms", "0.09 ms"
QString formatRate(double gbps);              // "400 Gb/s", "2.06 Tb/s", "25.6 Tb/s"
QString formatRateOf(double gbps, double ofGbps); // "2.06 / 6.40 Tb/s", "400 Gb/s / 1.60 Tb/s"
QString formatUsd(double usd);                // "$950", "$392k", "$2.34M", "$1.2B"
QString formatPercent(double fraction);       // 0.976 -> "97.6%"
QString formatSeconds(double s);              // "556.9 ms", "1.08 s"

// A number as typed: "1e-6", "4,194,304", "0.5" (the display locale, else C); nullopt for
// anything else. No k/M/B suffixes: next to units in B and MB, "64M" would read as MiB.
std::optional<double> parsePlainNumber(const QString &input);

// The application's font at a size in pixels (canvas glyph labels, picture bands,
// presentation mode: sizes that must not follow the screen's point scaling).
QFont pixelFont(int px, bool bold = false);

} // namespace dci

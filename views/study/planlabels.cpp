#include "planlabels.h"

#include <QCoreApplication>

namespace dci {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("dci::PlanLabels", text); }

// "loss_rate" -> "loss rate"; with the catalog's unit, which replaces the unit words the key
// ends in: "fiber_latency_us_per_km" -> "fiber latency (us/km)", "inner_steps" -> "inner
// steps (steps)".
QString keyText(const Catalog &catalog, const std::string &key)
{
    QStringList words = QString::fromStdString(key).split(QLatin1Char('_'));
    const Figure *figure = catalog.findFigure(key);
    if (!figure || figure->unit.empty())
        return words.join(QLatin1Char(' '));
    static const QStringList kUnitWords = {QStringLiteral("km"),    QStringLiteral("us"),   QStringLiteral("mb"),
                                           QStringLiteral("db"),    QStringLiteral("mw"),   QStringLiteral("usd"),
                                           QStringLiteral("w"),     QStringLiteral("bytes"), QStringLiteral("kwh"),
                                           QStringLiteral("per"),   QStringLiteral("year"), QStringLiteral("pair")};
    while (words.size() > 1 && kUnitWords.contains(words.last()))
        words.removeLast();
    return QStringLiteral("%1 (%2)").arg(words.join(QLatin1Char(' ')), QString::fromStdString(figure->unit));
}

} // namespace

QString siteTitle(const Scenario &scenario, const std::string &siteId)
{
    const Site *site = scenario.site(siteId);
    return QString::fromStdString(site && !site->name.empty() ? site->name : siteId);
}

QString spanTitle(const Scenario &scenario, const Span &span)
{
    return siteTitle(scenario, span.a) + QStringLiteral("\u2013") + siteTitle(scenario, span.b);
}

QString spanTitle(const Scenario &scenario, const std::string &spanId)
{
    const Span *span = scenario.span(spanId);
    return span ? spanTitle(scenario, *span) : QString::fromStdString(spanId);
}

SweepParamLabel sweepParamLabel(const Scenario &scenario, const Catalog &catalog, const SweepParam &param)
{
    // Parallel spans have the same ends: their ids tell them apart.
    auto spanElement = [&] {
        const Span *span = scenario.span(param.id);
        int sameEnds = 0;
        for (const Span &other : scenario.spans)
            sameEnds += span && ((other.a == span->a && other.b == span->b) || (other.a == span->b && other.b == span->a));
        QString text = tr("Span %1").arg(spanTitle(scenario, param.id));
        if (sameEnds > 1)
            text += QStringLiteral(" (%1)").arg(QString::fromStdString(param.id));
        return text;
    };
    switch (param.kind) {
    case SweepParam::Kind::SpanLength: return {tr("Spans"), spanElement(), tr("length (km)")};
    case SweepParam::Kind::SpanOptic: return {tr("Spans"), spanElement(), tr("optic")};
    case SweepParam::Kind::SpanWavelengths: return {tr("Spans"), spanElement(), tr("wavelengths per fiber pair")};
    case SweepParam::Kind::SiteGpus:
        return {tr("Sites"), tr("Site %1").arg(siteTitle(scenario, param.id)), tr("GPUs")};
    case SweepParam::Kind::Job: return {tr("Job"), tr("Job"), keyText(catalog, param.key)};
    case SweepParam::Kind::Assumption: return {tr("Assumptions"), tr("Assumption"), keyText(catalog, param.key)};
    }
    return {};
}

} // namespace dci

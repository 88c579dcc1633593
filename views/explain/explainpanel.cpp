#include "explainpanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QTextBrowser>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include <cmath>

namespace dci {

namespace {

const QString kTraceScheme = QStringLiteral("trace");
const QString kSelectScheme = QStringLiteral("select");

QString html(const std::string &text)
{
    return QString::fromStdString(text).toHtmlEscaped();
}

// What an origin is called for a reader, with its catalog confidence.
QString originText(const TraceInput &input)
{
    QString text;
    if (input.origin == "scenario")
        text = ExplainPanel::tr("this plan");
    else if (input.origin == "catalog")
        text = ExplainPanel::tr("catalog");
    else if (input.origin == "assumption")
        text = ExplainPanel::tr("this plan's assumption");
    else
        text = ExplainPanel::tr("computed");
    return text;
}

// Confidence as a small badge: H plain, M muted, L / unverified / placeholder amber.
QString confidenceBadge(const std::string &confidence)
{
    if (confidence.empty())
        return {};
    const bool weak = confidence != "H" && confidence != "M";
    return QStringLiteral(" <span style=\"background:%1;color:%2;\">&nbsp;%3&nbsp;</span>")
        .arg(weak ? QStringLiteral("#fde9c4") : QStringLiteral("#e8edf4"),
             weak ? QStringLiteral("#7a4a00") : QStringLiteral("#3b4654"), html(confidence));
}

} // namespace

ExplainPanel::ExplainPanel(QWidget *parent)
    : QWidget(parent)
{
    m_back = new QToolButton(this);
    m_back->setText(tr("Back"));
    m_back->setArrowType(Qt::LeftArrow);
    m_back->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_back->setAutoRaise(true);
    m_back->setEnabled(false);
    m_back->setToolTip(tr("Back to the figure this one was opened from"));
    connect(m_back, &QToolButton::clicked, this, &ExplainPanel::back);
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_browser = new QTextBrowser(this);
    m_browser->setOpenLinks(false);
    m_browser->setOpenExternalLinks(false);
    connect(m_browser, &QTextBrowser::anchorClicked, this, &ExplainPanel::openLink);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(4, 2, 4, 0);
    top->addWidget(m_back);
    top->addWidget(m_title, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_browser, 1);
    render();
}

void ExplainPanel::show(const Scenario &scenario, const Catalog &base, const Results &results)
{
    m_scenario = &scenario;
    m_base = &base;
    m_shown = &results;
    m_hasPlan = true;
    if (m_ref.isEmpty())
        return render();
    if (!m_onScreen) {
        m_stale = true; // traced again when the panel comes on screen
        return;
    }
    retrace();
}

void ExplainPanel::setOnScreen(bool onScreen)
{
    m_onScreen = onScreen;
    if (m_onScreen && m_stale)
        retrace();
}

void ExplainPanel::retrace()
{
    m_stale = false;
    // Live numbers: the same figure again. The path stays while the traces line up.
    const std::vector<std::size_t> path = m_path;
    const std::size_t before = m_explanation.traces.size();
    trace();
    if (m_explanation.ok() && m_explanation.traces.size() == before)
        m_path = path;
    render();
}

void ExplainPanel::explain(const QString &ref, const QString &figure)
{
    m_stale = false;
    m_ref = ref;
    m_figure = figure;
    trace();
    render();
}

void ExplainPanel::trace()
{
    m_path = {0};
    m_explanation = {};
    if (!m_hasPlan || !m_base)
        return;
    m_explanation = explainFigure(*m_scenario, *m_base, *m_shown, m_ref.toStdString(), m_figure.toStdString());
}

QString ExplainPanel::currentRef() const
{
    if (!m_explanation.ok() || m_path.empty())
        return m_ref;
    return QString::fromStdString(m_explanation.traces[m_path.back()].ref);
}

QString ExplainPanel::currentFigure() const
{
    if (!m_explanation.ok() || m_path.empty())
        return m_figure;
    return QString::fromStdString(m_explanation.traces[m_path.back()].figure);
}

void ExplainPanel::back()
{
    if (m_path.size() > 1) {
        m_path.pop_back();
        render();
    }
}

void ExplainPanel::openLink(const QUrl &url)
{
    if (url.scheme() == kTraceScheme) {
        bool ok = false;
        const std::size_t index = url.path().toULongLong(&ok);
        if (ok && index < m_explanation.traces.size()) {
            m_path.push_back(index);
            render();
        }
    } else if (url.scheme() == kSelectScheme) {
        selectRef(url.path().toStdString());
    }
}

void ExplainPanel::selectRef(const std::string &ref)
{
    std::string error;
    const std::optional<ElementRef> element = resolveRef(*m_scenario, *m_shown, ref, error);
    if (!element)
        return;
    if (element->kind == "site") {
        emit elementsSelected({QString::fromStdString(element->id)}, {});
    } else if (element->kind == "span") {
        emit elementsSelected({}, {QString::fromStdString(element->id)});
    } else if (element->kind == "demand" && element->index < m_shown->demands.size()) {
        // A demand stands for the spans it is routed over, as in the Demands table.
        QStringList spans;
        for (const DemandResult::Path &path : m_shown->demands[element->index].paths)
            for (const std::string &span : path.spans)
                if (!spans.contains(QString::fromStdString(span)))
                    spans << QString::fromStdString(span);
        emit elementsSelected({}, spans);
    }
}

void ExplainPanel::render()
{
    m_back->setEnabled(canGoBack());
    if (m_ref.isEmpty() || !m_hasPlan) {
        m_title->setText(tr("<b>Why?</b>"));
        m_browser->setHtml(tr("<p>Select a span, a site or a demand and choose <b>Why?</b> (Ctrl+E), or click "
                              "a figure in the status bar, to see how its numbers come about: the formula, the "
                              "values that go in, and where each comes from.</p>"));
        return;
    }
    if (!m_explanation.ok()) {
        m_title->setText(tr("<b>%1</b>").arg(m_ref.toHtmlEscaped()));
        QStringList errors;
        for (const std::string &e : m_explanation.errors)
            errors << html(e);
        m_browser->setHtml(tr("<p>Nothing to explain: %1</p>").arg(errors.join(QStringLiteral("<br>"))));
        return;
    }
    const Trace &t = m_explanation.traces[m_path.back()];
    const QString what = t.figure.empty() ? tr("%1: its headline figures").arg(html(t.ref))
                                          : QStringLiteral("%1 · %2").arg(html(t.ref), html(t.figure));
    m_title->setText(QStringLiteral("<b>%1</b>").arg(what));

    QString body;
    if (!t.figure.empty()) {
        const QString valueText = html(traceValueText(t));
        body += QStringLiteral("<p style=\"font-size:large;\"><b>%1 = %2</b></p>").arg(html(t.figure), valueText);
        if (!t.formula.empty())
            body += QStringLiteral("<p>= <code>%1</code><br><span style=\"color:#525d6b;\">%2</span></p>")
                        .arg(html(t.formula),
                             t.model_section.empty() ? QString()
                                                     : tr("docs/MODEL.md, “%1”").arg(html(t.model_section)));
    }
    body += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\" width=\"100%\">");
    for (const TraceInput &in : t.inputs) {
        QString name = html(in.name);
        if (in.trace)
            name = QStringLiteral("<a href=\"%1:%2\">%3</a>").arg(kTraceScheme).arg(*in.trace).arg(name);
        QString where = originText(in);
        if (!in.source.empty())
            where += QStringLiteral(": ") + html(in.source);
        where += confidenceBadge(in.confidence);
        // Another site, span or demand can be selected; the element shown already is.
        const bool selectable = in.ref != t.ref
                                && (in.ref.rfind("site:", 0) == 0 || in.ref.rfind("span:", 0) == 0
                                    || in.ref.rfind("demand:", 0) == 0);
        if (selectable)
            where += QStringLiteral(" · <a href=\"%1:%2\">%3</a>").arg(kSelectScheme, html(in.ref), tr("select"));
        body += QStringLiteral("<tr><td valign=\"top\">%1</td><td valign=\"top\" align=\"right\"><b>%2</b></td>"
                               "<td valign=\"top\" style=\"color:#525d6b;\">%3</td></tr>")
                    .arg(name, html(in.value_text), where);
    }
    body += QStringLiteral("</table>");
    if (!t.note.empty())
        body += QStringLiteral("<p style=\"color:#525d6b;\">%1</p>").arg(html(t.note));
    m_browser->setHtml(body);
}

QString ExplainPanel::plainText() const
{
    return m_browser->toPlainText();
}

} // namespace dci

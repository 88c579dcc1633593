#include "propertiespanel.h"

#include "fieldpage.h"
#include "format.h"
#include "jobpage.h"
#include "sitepage.h"
#include "spanpage.h"

#include <QLabel>
#include <QScopeGuard>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace dci {

namespace {

constexpr int kMargin = 6;
constexpr double kTitleScale = 1.15;

} // namespace

PropertiesPanel::PropertiesPanel(QWidget *parent)
    : QWidget(parent)
{
    setLocale(displayLocale());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(kMargin, kMargin, kMargin, kMargin);
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("propertiesTitle"));
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * kTitleScale);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("refusalMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(fields::kRefusedColor)));
    m_message->hide(); // placed under the group of the refused field by the page

    m_stack = new QStackedWidget;
    m_sitePage = new SitePage;
    m_spanPage = new SpanPage;
    m_jobPage = new JobPage;
    for (FieldPage *page : std::initializer_list<FieldPage *>{m_sitePage, m_spanPage, m_jobPage})
        page->setMessageLabel(m_message);
    m_multiPage = new QWidget;
    {
        auto *multi = new QVBoxLayout(m_multiPage);
        multi->setContentsMargins(0, 0, 0, 0);
        m_multiSummary = new QLabel;
        m_multiSummary->setObjectName(QStringLiteral("multiSummary"));
        auto *hint = new QLabel(tr("Select a single site or span to edit its properties."));
        hint->setWordWrap(true);
        hint->setForegroundRole(QPalette::PlaceholderText);
        multi->addWidget(m_multiSummary);
        multi->addWidget(hint);
        multi->addStretch(1);
    }
    // Each page scrolls on its own: a scroll area around the whole stack would take the
    // height of its tallest page (QStackedLayout's heightForWidth spans all pages).
    for (QWidget *page : {static_cast<QWidget *>(m_sitePage), static_cast<QWidget *>(m_spanPage),
                          static_cast<QWidget *>(m_jobPage), m_multiPage}) {
        auto *scroll = new QScrollArea;
        scroll->setWidget(page);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        m_stack->addWidget(scroll);
    }
    layout->addWidget(m_stack, 1);

    connect(m_sitePage, &SitePage::siteNameRequested, this, &PropertiesPanel::siteNameRequested);
    connect(m_sitePage, &SitePage::sitePositionRequested, this, &PropertiesPanel::sitePositionRequested);
    connect(m_sitePage, &SitePage::siteGpuTypeRequested, this, &PropertiesPanel::siteGpuTypeRequested);
    connect(m_sitePage, &SitePage::siteGpusRequested, this, &PropertiesPanel::siteGpusRequested);
    connect(m_sitePage, &SitePage::sitePowerCapRequested, this, &PropertiesPanel::sitePowerCapRequested);
    connect(m_sitePage, &SitePage::sitePueRequested, this, &PropertiesPanel::sitePueRequested);
    connect(m_sitePage, &SitePage::siteRegionRequested, this, &PropertiesPanel::siteRegionRequested);
    connect(m_spanPage, &SpanPage::spanOpticRequested, this, &PropertiesPanel::spanOpticRequested);
    connect(m_spanPage, &SpanPage::spanBandRequested, this, &PropertiesPanel::spanBandRequested);
    connect(m_spanPage, &SpanPage::spanFiberPairsRequested, this, &PropertiesPanel::spanFiberPairsRequested);
    connect(m_spanPage, &SpanPage::spanWavelengthsRequested, this, &PropertiesPanel::spanWavelengthsRequested);
    connect(m_spanPage, &SpanPage::spanLengthRequested, this, &PropertiesPanel::spanLengthRequested);
    connect(m_spanPage, &SpanPage::spanMetricRequested, this, &PropertiesPanel::spanMetricRequested);
    connect(m_spanPage, &SpanPage::spanDownRequested, this, &PropertiesPanel::spanDownRequested);
    connect(m_jobPage, &JobPage::jobNumberRequested, this, &PropertiesPanel::jobNumberRequested);
    connect(m_jobPage, &JobPage::jobConnectionsRequested, this, &PropertiesPanel::jobConnectionsRequested);
    connect(m_jobPage, &JobPage::jobTextRequested, this, &PropertiesPanel::jobTextRequested);
    connect(m_jobPage, &JobPage::routingRequested, this, &PropertiesPanel::routingRequested);
    connect(m_jobPage, &JobPage::jobAddRequested, this, &PropertiesPanel::jobAddRequested);
    connect(m_jobPage, &JobPage::planNameRequested, this, &PropertiesPanel::planNameRequested);
    connect(m_jobPage, &JobPage::planDescriptionRequested, this, &PropertiesPanel::planDescriptionRequested);

    setPage(m_jobPage, tr("Plan, training job and routing"));
}

PropertiesPanel::~PropertiesPanel()
{
    // The pages point into m_scenario, and an editor losing focus as Qt deletes the children
    // commits its text: delete them while m_scenario still exists (ASan: heap-use-after-free
    // in SitePage::commitGpuCount, tst_properties).
    qDeleteAll(findChildren<QWidget *>(Qt::FindDirectChildrenOnly));
}

void PropertiesPanel::setPage(QWidget *page, const QString &title)
{
    if (m_title->text() != title)
        m_title->setText(title);
    if (currentPage() == page)
        return;
    // Only the current page sizes the stack (and so the dock's size hint).
    for (int i = 0; i < m_stack->count(); ++i) {
        auto *scroll = static_cast<QScrollArea *>(m_stack->widget(i));
        const QSizePolicy::Policy policy = scroll->widget() == page ? QSizePolicy::Preferred : QSizePolicy::Ignored;
        scroll->setSizePolicy(policy, policy);
        if (scroll->widget() == page)
            m_stack->setCurrentWidget(scroll);
    }
    m_stack->updateGeometry();
}

QWidget *PropertiesPanel::currentPage() const
{
    auto *scroll = static_cast<QScrollArea *>(m_stack->currentWidget());
    return scroll ? scroll->widget() : nullptr;
}

QString PropertiesPanel::lastRefusal() const
{
    for (const FieldPage *page : std::initializer_list<const FieldPage *>{m_sitePage, m_spanPage, m_jobPage})
        if (!page->lastRefusal().isEmpty())
            return page->lastRefusal();
    return QString();
}

void PropertiesPanel::show(const Scenario &scenario, const Results &results, const Catalog &catalog,
                           const QStringList &selectedSiteIds, const QStringList &selectedSpanIds)
{
    // Nothing the update does to the fields (hiding the page of one the user is typing in)
    // is a user's edit.
    const std::initializer_list<FieldPage *> pages{m_sitePage, m_spanPage, m_jobPage};
    for (FieldPage *page : pages)
        page->setUpdating(true);
    const auto done = qScopeGuard([&] {
        for (FieldPage *page : pages)
            page->setUpdating(false);
    });
    m_scenario = scenario;
    m_catalog = catalog;

    int sites = 0;
    int spans = 0;
    std::string siteId;
    std::string spanId;
    for (const QString &id : selectedSiteIds) {
        if (scenario.site(id.toStdString())) {
            ++sites;
            siteId = id.toStdString();
        }
    }
    for (const QString &id : selectedSpanIds) {
        if (scenario.span(id.toStdString())) {
            ++spans;
            spanId = id.toStdString();
        }
    }
    if (!(sites == 1 && spans == 0))
        siteId.clear();
    if (!(spans == 1 && sites == 0))
        spanId.clear();
    const bool multi = sites + spans > 1;
    const bool selectionChanged = siteId != m_siteId || spanId != m_spanId
        || multi != (currentPage() == m_multiPage);
    m_siteId = siteId;
    m_spanId = spanId;

    // The plan's note is on the job page and shows whatever is selected.
    m_jobPage->show(m_scenario, m_catalog);
    if (const Site *site = m_scenario.site(m_siteId); site && !m_siteId.empty()) {
        m_sitePage->show(m_scenario, results, m_catalog, m_siteId);
        const QString label = QString::fromStdString(site->name.empty() ? site->id : site->name);
        setPage(m_sitePage, tr("Site: %1 (%2)").arg(label, QString::fromStdString(site->id)));
    } else if (const Span *span = m_scenario.span(m_spanId); span && !m_spanId.empty()) {
        m_spanPage->show(m_scenario, results, m_catalog, m_spanId);
        setPage(m_spanPage, tr("Span: %1").arg(QString::fromStdString(span->id)));
    } else if (multi) {
        QStringList parts;
        if (sites > 0)
            parts << (sites == 1 ? tr("1 site") : tr("%1 sites").arg(sites));
        if (spans > 0)
            parts << (spans == 1 ? tr("1 span") : tr("%1 spans").arg(spans));
        const QString summary = tr("%1 selected").arg(parts.join(QStringLiteral(", ")));
        m_multiSummary->setText(summary);
        setPage(m_multiPage, summary);
    } else {
        setPage(m_jobPage, tr("Plan, training job and routing"));
    }
    // A refusal stays while its field is on screen for the same element.
    for (FieldPage *page : pages) {
        if (page->lastRefusal().isEmpty())
            continue;
        QWidget *field = page->refusalField();
        if (selectionChanged || page != currentPage() || !field || !field->isVisibleTo(this))
            page->clearRefusal();
    }
}

} // namespace dci

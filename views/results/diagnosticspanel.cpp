#include "diagnosticspanel.h"

#include "engine/results.h"

#include <QHeaderView>
#include <QLabel>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <vector>

namespace dci {

namespace {

// "1 error", "3 warnings".
QString counted(qsizetype n, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

QStyle::StandardPixmap severityIcon(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return QStyle::SP_MessageBoxCritical;
    case Severity::Warning:
        return QStyle::SP_MessageBoxWarning;
    case Severity::Info:
        break;
    }
    return QStyle::SP_MessageBoxInformation;
}

} // namespace

DiagnosticsPanel::DiagnosticsPanel(QWidget *parent)
    : QWidget(parent)
{
    m_summary = new QLabel(this);
    m_summary->setContentsMargins(4, 2, 4, 2);
    m_list = new QTreeWidget(this);
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Severity"), tr("Element"), tr("Message")});
    m_list->setRootIsDecorated(true); // groups expand
    m_list->setItemsExpandable(true);
    m_list->setUniformRowHeights(false); // wrapped messages take several lines
    m_list->setWordWrap(true);
    m_list->setTextElideMode(Qt::ElideNone);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->header()->setStretchLastSection(true);
    m_list->header()->setSectionResizeMode(SeverityColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(ElementColumn, QHeaderView::ResizeToContents);

    // The current row's whole message: a list row shows what fits, this pane all of it.
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("diagnosticDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setContentsMargins(6, 4, 6, 4);
    m_details->setMinimumHeight(m_details->fontMetrics().lineSpacing() * 3 + 8);
    m_details->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_details);
    connect(m_list, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *current) { showDetails(current); });

    // A click selects the element; so does Enter (or a double click) on the current row.
    connect(m_list, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) { activate(item); });
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) { activate(item); });

    show(Results{});
}

void DiagnosticsPanel::show(const Results &results)
{
    std::vector<const Diagnostic *> sorted;
    sorted.reserve(results.diagnostics.size());
    for (const Diagnostic &d : results.diagnostics)
        sorted.push_back(&d);
    std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic *a, const Diagnostic *b) {
        return static_cast<int>(a->severity) > static_cast<int>(b->severity);
    });

    qsizetype errors = 0;
    qsizetype warnings = 0;
    qsizetype notes = 0;
    // Findings of one (severity, code) in the sorted order; many of a kind become a group.
    std::vector<std::pair<std::pair<int, std::string>, std::vector<const Diagnostic *>>> kinds;
    for (const Diagnostic *d : sorted) {
        errors += d->severity == Severity::Error ? 1 : 0;
        warnings += d->severity == Severity::Warning ? 1 : 0;
        notes += d->severity == Severity::Info ? 1 : 0;
        const auto key = std::make_pair(static_cast<int>(d->severity), d->code);
        auto it = std::find_if(kinds.begin(), kinds.end(), [&](const auto &k) { return k.first == key; });
        if (it == kinds.end())
            kinds.push_back({key, {d}});
        else
            it->second.push_back(d);
    }
    QList<QTreeWidgetItem *> items;
    for (const auto &[key, members] : kinds) {
        if (static_cast<int>(members.size()) < kGroupFrom) {
            for (const Diagnostic *d : members)
                items << newItem(*d);
            continue;
        }
        const Diagnostic &first = *members.front();
        auto *group = new QTreeWidgetItem;
        group->setIcon(SeverityColumn, style()->standardIcon(severityIcon(first.severity)));
        group->setText(SeverityColumn, QString::fromLatin1(severityName(first.severity)));
        group->setText(ElementColumn, tr("%1 elements").arg(members.size()));
        group->setText(MessageColumn, tr("%1 x %2, e.g. %3")
                                          .arg(members.size())
                                          .arg(QString::fromStdString(first.code), QString::fromStdString(first.message)));
        const QString toolTip = tr("%1 findings of the kind %2 (expand the row to see each)")
                                    .arg(members.size())
                                    .arg(QString::fromStdString(first.code));
        for (int c = SeverityColumn; c <= MessageColumn; ++c)
            group->setToolTip(c, toolTip);
        for (const Diagnostic *d : members)
            group->addChild(newItem(*d));
        items << group;
    }
    m_list->clear();
    m_list->addTopLevelItems(items);
    showDetails(nullptr);

    QString summary;
    if (errors + warnings == 0)
        summary = tr("No problems found");
    else
        summary = counted(errors, tr("error"), tr("errors")) + QStringLiteral(", ") +
                  counted(warnings, tr("warning"), tr("warnings"));
    if (notes > 0)
        summary += QStringLiteral(", ") + counted(notes, tr("note"), tr("notes"));
    m_summary->setText(summary);
}

QTreeWidgetItem *DiagnosticsPanel::newItem(const Diagnostic &d) const
{
    const QString element = QString::fromStdString(d.element);
    const QString message = QString::fromStdString(d.message);
    auto *item = new QTreeWidgetItem;
    item->setIcon(SeverityColumn, style()->standardIcon(severityIcon(d.severity)));
    item->setText(SeverityColumn, QString::fromLatin1(severityName(d.severity)));
    item->setText(ElementColumn, element.isEmpty() ? tr("scenario") : element);
    item->setData(ElementColumn, ElementIdRole, element);
    if (element.isEmpty())
        item->setForeground(ElementColumn, palette().brush(QPalette::Disabled, QPalette::Text));
    item->setText(MessageColumn, message);
    const QString toolTip = QStringLiteral("%1\n(%2)").arg(message, QString::fromStdString(d.code));
    for (int c = SeverityColumn; c <= MessageColumn; ++c)
        item->setToolTip(c, toolTip);
    return item;
}

void DiagnosticsPanel::showDetails(QTreeWidgetItem *item)
{
    m_details->setText(item ? item->toolTip(MessageColumn) : QString());
}

QString DiagnosticsPanel::detailsText() const
{
    return m_details->text();
}

QString DiagnosticsPanel::summaryText() const
{
    return m_summary->text();
}

void DiagnosticsPanel::activate(QTreeWidgetItem *item)
{
    const QString element = item ? item->data(ElementColumn, ElementIdRole).toString() : QString();
    if (!element.isEmpty())
        emit elementActivated(element);
}

} // namespace dci

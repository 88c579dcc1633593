#include "assumptionspage.h"

#include "format.h"
#include "edit/edits.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QScrollArea>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>
#include <iterator>

namespace dci {

namespace {

const char *const kRefusedColor = "#c62828";
const QColor kRefusedFill(0xfd, 0xec, 0xea);
const QColor kVerifyFill(0xff, 0xe0, 0x82);   // unverified, placeholder: check these first
const QColor kLowFill(0xff, 0xf3, 0xc4);      // low confidence
const QColor kVerifyText(0x5d, 0x40, 0x00);
constexpr int kOverrideWidth = 120;
constexpr int kDetailsChars = 40; // the details beside the table stay readable

QString qs(const std::string &s) { return QString::fromStdString(s); }

// Whole numbers with group separators ("4,194,304"); others with up to `digits` digits and
// an exponent as the samples write it ("1e-6", where the locale would say "1E-06").
QString formatFigure(double v, int digits)
{
    const QLocale locale = displayLocale();
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        return locale.toString(static_cast<qlonglong>(v));
    QString text = locale.toString(v, 'g', digits);
    const qsizetype e = text.indexOf(QLatin1Char('E'), 0, Qt::CaseInsensitive);
    if (e < 0)
        return text;
    QString exponent = text.mid(e + 1);
    const QString sign = exponent.startsWith(QLatin1Char('-')) ? QStringLiteral("-") : QString();
    exponent.remove(QLatin1Char('+')).remove(QLatin1Char('-'));
    while (exponent.size() > 1 && exponent.startsWith(QLatin1Char('0')))
        exponent.remove(0, 1);
    return text.left(e) + QLatin1Char('e') + sign + exponent;
}

// The confidence as a word, and whether an architect should verify the figure first.
struct Confidence {
    QString text;
    QColor fill; // invalid = no badge colour
};

Confidence confidenceOf(const Figure &f)
{
    const QString source = qs(f.source);
    if (f.confidence == "unverified")
        return {source.startsWith(QLatin1String("Placeholder"), Qt::CaseInsensitive)
                        || source.startsWith(QLatin1String("Derived placeholder"), Qt::CaseInsensitive)
                    ? QObject::tr("placeholder")
                    : QObject::tr("unverified"),
                kVerifyFill};
    if (f.confidence == "L")
        return {QObject::tr("low"), kLowFill};
    if (f.confidence == "M")
        return {QObject::tr("medium"), {}};
    if (f.confidence == "H")
        return {QObject::tr("high"), {}};
    return {qs(f.confidence), {}};
}

// The override column's editor: a line edit whose text goes to the page as an intent
// (never into the item: the row shows the stored scenario, which show() brings back).
class OverrideDelegate : public QStyledItemDelegate
{
public:
    explicit OverrideDelegate(AssumptionsPage *page) : QStyledItemDelegate(page), m_page(page) {}

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        auto *editor = qobject_cast<QLineEdit *>(QStyledItemDelegate::createEditor(parent, option, index));
        if (!editor)
            editor = new QLineEdit(parent);
        editor->setObjectName(QStringLiteral("overrideEditor"));
        editor->setPlaceholderText(QObject::tr("catalog"));
        return editor;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        static_cast<QLineEdit *>(editor)->setText(index.data(AssumptionsPage::OverrideRole).toString());
    }
    void setModelData(QWidget *editor, QAbstractItemModel *, const QModelIndex &index) const override
    {
        const QString key = index.siblingAtColumn(AssumptionsPage::NameColumn).data(AssumptionsPage::KeyRole).toString();
        m_page->commitOverride(key, static_cast<QLineEdit *>(editor)->text());
    }

    // A refused cell keeps a red frame when its row is selected (the fill is then hidden).
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::paint(painter, option, index);
        if (!index.data(AssumptionsPage::RefusedRole).toBool())
            return;
        painter->save();
        painter->setPen(QPen(QColor(QLatin1String(kRefusedColor)), 2));
        painter->drawRect(option.rect.adjusted(1, 1, -1, -1));
        painter->restore();
    }

private:
    AssumptionsPage *m_page;
};

// A row is edited in its override column, whichever cell the key press or double-click hit
// (the other columns are the catalog's).
class AssumptionsTable : public QTreeWidget
{
public:
    using QTreeWidget::QTreeWidget;

protected:
    bool edit(const QModelIndex &index, EditTrigger trigger, QEvent *event) override
    {
        if (index.isValid() && index.column() != AssumptionsPage::OverrideColumn
            && index.siblingAtColumn(AssumptionsPage::NameColumn).data(AssumptionsPage::KeyRole).isValid()) {
            const QModelIndex target = index.siblingAtColumn(AssumptionsPage::OverrideColumn);
            setCurrentIndex(target);
            return QTreeWidget::edit(target, trigger, event);
        }
        return QTreeWidget::edit(index, trigger, event);
    }
};

} // namespace

AssumptionsPage::AssumptionsPage(QWidget *parent)
    : QWidget(parent)
{
    setLocale(displayLocale());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);

    m_filter = new QLineEdit;
    m_filter->setObjectName(QStringLiteral("assumptionsFilter"));
    m_filter->setPlaceholderText(tr("Filter: loss, mtu, usd, unverified, ..."));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(tr("Shows the figures whose name, description, source or confidence contains the text."));

    m_table = new AssumptionsTable;
    m_table->setObjectName(QStringLiteral("assumptionsTable"));
    m_table->setColumnCount(ColumnCount);
    m_table->setHeaderLabels({tr("Figure"), tr("Catalog"), tr("Confidence"), tr("This plan"), QString()});
    m_table->headerItem()->setToolTip(OverrideColumn, tr("This plan's override; empty = the catalog's value. "
                                                         "Double-click or press F2 to edit."));
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    m_table->setItemDelegateForColumn(OverrideColumn, new OverrideDelegate(this));
    QHeaderView *header = m_table->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents); // names are never cut
    header->setSectionResizeMode(CatalogColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ConfidenceColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(OverrideColumn, QHeaderView::Interactive);
    header->resizeSection(OverrideColumn, kOverrideWidth);
    header->setSectionResizeMode(ResetColumn, QHeaderView::ResizeToContents);
    m_table->installEventFilter(this);

    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("assumptionsRefusal"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(kRefusedColor)));
    m_message->hide();

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_table, 1);
    leftLayout->addWidget(m_message);

    m_details = new QLabel;
    m_details->setObjectName(QStringLiteral("assumptionsDetails"));
    m_details->setWordWrap(true);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setTextFormat(Qt::RichText);
    m_details->setMargin(4);

    // Side by side: the page lives in a wide, short dock (under the canvas).
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(left);
    auto *detailsScroll = new QScrollArea; // a long source scrolls rather than being cut
    detailsScroll->setWidget(m_details);
    detailsScroll->setWidgetResizable(true);
    detailsScroll->setFrameShape(QFrame::NoFrame);
    detailsScroll->setMinimumWidth(fontMetrics().averageCharWidth() * kDetailsChars);
    splitter->addWidget(detailsScroll);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter);

    connect(m_filter, &QLineEdit::textChanged, this, &AssumptionsPage::applyFilter);
    connect(m_table, &QTreeWidget::currentItemChanged, this, &AssumptionsPage::updateDetails);
}

QString AssumptionsPage::formatValue(double value)
{
    return formatFigure(value, 12);
}

AssumptionsPage::~AssumptionsPage()
{
    // An editor still open would commit as the widgets go, into a page half destroyed.
    m_destroying = true;
    delete m_table;
}

void AssumptionsPage::show(const Scenario &scenario, const Catalog &catalog)
{
    m_scenario = scenario;
    m_catalog = catalog;
    buildRows();
    for (int s = 0; s < m_table->topLevelItemCount(); ++s) {
        QTreeWidgetItem *section = m_table->topLevelItem(s);
        for (int i = 0; i < section->childCount(); ++i)
            updateRow(section->child(i));
    }
    updateDetails();
}

QTreeWidgetItem *AssumptionsPage::row(const QString &key) const
{
    for (int s = 0; s < m_table->topLevelItemCount(); ++s) {
        QTreeWidgetItem *section = m_table->topLevelItem(s);
        for (int i = 0; i < section->childCount(); ++i)
            if (section->child(i)->data(NameColumn, KeyRole).toString() == key)
                return section->child(i);
    }
    return nullptr;
}

// The rows are made once per catalog (its keys do not change while the program runs).
void AssumptionsPage::buildRows()
{
    struct Section {
        QString title;
        std::vector<std::string> keys;
    };
    std::vector<Section> sections = {{tr("Network, sites and transport"), {}}, {tr("Job defaults"), {}},
                                     {tr("Prices"), {}}, {tr("Derived from the job"), {}}};
    const std::map<std::string, Figure> *figures[] = {&m_catalog.assumptions, &m_catalog.jobDefaults,
                                                      &m_catalog.prices};
    for (std::size_t i = 0; i < std::size(figures); ++i)
        for (const auto &entry : *figures[i])
            sections[i].keys.push_back(entry.first);
    for (const char *key : kDerivedAssumptionKeys)
        sections.back().keys.emplace_back(key);

    bool same = m_table->topLevelItemCount() == static_cast<int>(sections.size());
    for (std::size_t s = 0; same && s < sections.size(); ++s) {
        const QTreeWidgetItem *item = m_table->topLevelItem(static_cast<int>(s));
        same = item->childCount() == static_cast<int>(sections[s].keys.size());
        for (int i = 0; same && i < item->childCount(); ++i)
            same = item->child(i)->data(NameColumn, KeyRole).toString() == qs(sections[s].keys[std::size_t(i)]);
    }
    if (same)
        return;

    m_table->clear();
    for (const Section &section : sections) {
        auto *group = new QTreeWidgetItem(m_table, {section.title});
        group->setFlags(Qt::ItemIsEnabled);
        QFont bold = group->font(NameColumn);
        bold.setBold(true);
        group->setFont(NameColumn, bold);
        group->setFirstColumnSpanned(true);
        for (const std::string &key : section.keys) {
            auto *item = new QTreeWidgetItem(group, {qs(key)});
            item->setData(NameColumn, KeyRole, qs(key));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable);
            item->setTextAlignment(CatalogColumn, Qt::AlignRight | Qt::AlignVCenter);
            item->setTextAlignment(ConfidenceColumn, Qt::AlignCenter);
            item->setTextAlignment(OverrideColumn, Qt::AlignRight | Qt::AlignVCenter);
        }
    }
    m_table->expandAll();
    applyFilter(m_filter->text());
}

std::optional<double> AssumptionsPage::jobValue(const std::string &key) const
{
    if (!m_scenario.job)
        return std::nullopt;
    return jobNumber(*m_scenario.job, key);
}

// What connections_per_pair / flows_per_pair are without an override: derived from the
// job with this plan's other figures (docs/MODEL.md "Traffic").
QString AssumptionsPage::derivedDefault(const std::string &key) const
{
    if (!m_scenario.job)
        return tr("from the job");
    Job job = *m_scenario.job;
    (key == "flows_per_pair" ? job.flows_per_pair : job.connections_per_pair).reset();
    Assumptions others = m_scenario.assumptions;
    others.figures.erase(key);
    const JobParams p = resolveJob(job, applyOverrides(m_catalog, m_scenario.assumptions), others);
    const double v = key == "flows_per_pair" ? p.flows_per_pair : p.connections_per_pair;
    return tr("derived %1").arg(formatFigure(v, 6));
}

void AssumptionsPage::updateRow(QTreeWidgetItem *item)
{
    const QString key = item->data(NameColumn, KeyRole).toString();
    const std::string k = key.toStdString();
    const Figure *figure = m_catalog.findFigure(k);
    const auto overridden = m_scenario.assumptions.figures.find(k);
    const bool hasOverride = overridden != m_scenario.assumptions.figures.end();
    const std::optional<double> fromJob = jobValue(k);

    const auto setText = [&](int column, const QString &text) {
        if (item->text(column) != text) // an unchanged cell keeps an open editor's text
            item->setText(column, text);
    };
    QString tip;
    if (figure) {
        const QString unit = figure->unit.empty() ? QString() : QStringLiteral(" ") + qs(figure->unit);
        setText(CatalogColumn, formatFigure(figure->value, 6) + unit);
        const Confidence c = confidenceOf(*figure);
        setText(ConfidenceColumn, c.text);
        item->setBackground(ConfidenceColumn, c.fill.isValid() ? QBrush(c.fill) : QBrush());
        item->setForeground(ConfidenceColumn, c.fill == kVerifyFill ? QBrush(kVerifyText) : QBrush());
        tip = tr("%1\nSource: %2").arg(qs(figure->description), qs(figure->source));
    } else {
        setText(CatalogColumn, derivedDefault(k));
        setText(ConfidenceColumn, tr("derived"));
        tip = k == "connections_per_pair"
            ? tr("Transport connections between two DCs. Without an override: ranks x NCCL channels x queue pairs "
                 "(docs/MODEL.md \"Traffic\").")
            : tr("Flows the DCI hash sees between two DCs. Without an override: one per connection.");
    }
    for (int column : {NameColumn, CatalogColumn, ConfidenceColumn})
        item->setToolTip(column, tip);

    // The override: the stored value, or, greyed, the job's own value that wins anyway.
    QFont font = item->font(OverrideColumn);
    font.setBold(hasOverride);
    font.setItalic(!hasOverride && fromJob);
    item->setFont(OverrideColumn, font);
    item->setData(OverrideColumn, OverrideRole, hasOverride ? formatFigure(overridden->second, 12) : QString());
    setText(OverrideColumn, hasOverride ? formatFigure(overridden->second, 12)
                            : fromJob   ? tr("job: %1").arg(formatFigure(*fromJob, 6))
                                        : QString());
    const bool refused = m_refusedKey == key && !m_refusal.isEmpty();
    item->setBackground(OverrideColumn, refused ? QBrush(kRefusedFill) : QBrush());
    item->setData(OverrideColumn, RefusedRole, refused);
    item->setForeground(OverrideColumn, !hasOverride && fromJob ? palette().brush(QPalette::PlaceholderText) : QBrush());
    item->setToolTip(OverrideColumn,
                     fromJob ? tr("The job sets its own value (%1), which wins over this figure.").arg(formatFigure(*fromJob, 6))
                             : tr("This plan's value; empty = the catalog's. Double-click or F2 to edit."));
    // A reset button only where the plan overrides (the view shows every index widget it
    // lays out, so an unwanted one is removed rather than hidden).
    if (hasOverride && !m_table->itemWidget(item, ResetColumn)) {
        auto *reset = new QToolButton;
        reset->setObjectName(QStringLiteral("reset_") + key);
        reset->setText(tr("Reset"));
        reset->setAutoRaise(true);
        reset->setToolTip(tr("Back to the catalog's value"));
        connect(reset, &QToolButton::clicked, this, [this, key] { commitOverride(key, QString()); });
        m_table->setItemWidget(item, ResetColumn, reset);
    } else if (!hasOverride && m_table->itemWidget(item, ResetColumn)) {
        m_table->removeItemWidget(item, ResetColumn);
    }
}

void AssumptionsPage::updateDetails()
{
    QTreeWidgetItem *item = m_table->currentItem();
    const QString key = item ? item->data(NameColumn, KeyRole).toString() : QString();
    if (key.isEmpty()) {
        m_details->setText(tr("<p>Select a figure to see where its value comes from.</p>"
                              "<p>Figures marked <i>unverified</i> or <i>placeholder</i> are the ones to check "
                              "before trusting a plan.</p>"));
        return;
    }
    const std::string k = key.toStdString();
    const Figure *figure = m_catalog.findFigure(k);
    QString html = QStringLiteral("<p><b>%1</b></p>").arg(key.toHtmlEscaped());
    if (figure) {
        const QString unit = figure->unit.empty() ? QString() : QStringLiteral(" ") + qs(figure->unit);
        html += QStringLiteral("<p>%1</p>").arg(qs(figure->description).toHtmlEscaped());
        html += tr("<p>Catalog: %1%2, confidence %3<br>Source: %4</p>")
                    .arg(formatFigure(figure->value, 12), unit.toHtmlEscaped(), confidenceOf(*figure).text,
                         qs(figure->source).toHtmlEscaped());
    } else {
        html += QStringLiteral("<p>%1</p>").arg(item->toolTip(NameColumn).toHtmlEscaped());
        html += tr("<p>Without an override: %1</p>").arg(item->text(CatalogColumn).toHtmlEscaped());
    }
    const auto overridden = m_scenario.assumptions.figures.find(k);
    html += overridden != m_scenario.assumptions.figures.end()
        ? tr("<p>This plan: <b>%1</b> (overrides the catalog)</p>").arg(formatFigure(overridden->second, 12))
        : tr("<p>This plan: the catalog's value</p>");
    if (const std::optional<double> fromJob = jobValue(k))
        html += tr("<p>The job sets its own value, %1, which wins over this figure: change it on the job's "
                   "page (Properties, nothing selected).</p>")
                    .arg(formatFigure(*fromJob, 12));
    m_details->setText(html);
}

void AssumptionsPage::applyFilter(const QString &text)
{
    const QString needle = text.trimmed();
    for (int s = 0; s < m_table->topLevelItemCount(); ++s) {
        QTreeWidgetItem *section = m_table->topLevelItem(s);
        const bool sectionMatches = section->text(NameColumn).contains(needle, Qt::CaseInsensitive);
        int shown = 0;
        for (int i = 0; i < section->childCount(); ++i) {
            QTreeWidgetItem *item = section->child(i);
            const bool match = needle.isEmpty() || sectionMatches
                || item->text(NameColumn).contains(needle, Qt::CaseInsensitive)
                || item->toolTip(NameColumn).contains(needle, Qt::CaseInsensitive)
                || item->text(ConfidenceColumn).contains(needle, Qt::CaseInsensitive);
            item->setHidden(!match);
            shown += match ? 1 : 0;
        }
        section->setHidden(shown == 0);
    }
}

void AssumptionsPage::commitOverride(const QString &key, const QString &text)
{
    if (m_destroying)
        return;
    const std::string k = key.toStdString();
    std::optional<double> value;
    if (!text.trimmed().isEmpty()) {
        value = parsePlainNumber(text);
        if (!value)
            return refuse(key, tr("%1: expected a number such as 1e-6, 0.5 or 4,194,304, got \"%2\"")
                                   .arg(key, text.trimmed()));
    }
    const auto stored = m_scenario.assumptions.figures.find(k);
    const std::optional<double> current =
        stored == m_scenario.assumptions.figures.end() ? std::nullopt : std::optional<double>(stored->second);
    if (value == current) {
        if (m_refusedKey == key)
            clearRefusal();
        return; // the same number written differently: nothing to undo
    }
    const edits::Edited edited = edits::setAssumption(m_scenario, m_catalog, k, value);
    if (!edited.ok())
        return refuse(key, key + QStringLiteral(": ") + qs(edited.error));
    clearRefusal();
    // Until show() brings the stored scenario, the next edit builds on this one.
    m_scenario = edited.scenario;
    if (QTreeWidgetItem *item = row(key))
        updateRow(item);
    emit assumptionRequested(key, value);
}

void AssumptionsPage::refuse(const QString &key, const QString &reason)
{
    const QString previous = m_refusedKey;
    m_refusal = reason;
    m_refusedKey = key;
    m_message->setText(reason);
    m_message->show();
    for (const QString &k : {previous, key})
        if (QTreeWidgetItem *item = row(k))
            updateRow(item);
    if (QTreeWidgetItem *item = row(key))
        m_table->setCurrentItem(item, OverrideColumn);
}

void AssumptionsPage::clearRefusal()
{
    const QString previous = m_refusedKey;
    m_refusal.clear();
    m_refusedKey.clear();
    m_message->clear();
    m_message->hide();
    if (QTreeWidgetItem *item = row(previous))
        updateRow(item);
}

bool AssumptionsPage::eventFilter(QObject *watched, QEvent *event)
{
    // Escape in the table dismisses the refusal (an open editor gets its keys itself and
    // takes Escape to cancel); Delete or Backspace on a row resets it to the catalog.
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Escape && !m_refusal.isEmpty()) {
            clearRefusal();
            return true;
        }
        if ((key == Qt::Key_Delete || key == Qt::Key_Backspace) && m_table->currentItem()) {
            const QString k = m_table->currentItem()->data(NameColumn, KeyRole).toString();
            if (!k.isEmpty() && m_scenario.assumptions.figures.count(k.toStdString()))
                commitOverride(k, QString());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace dci

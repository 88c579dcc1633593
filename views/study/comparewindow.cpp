#include "comparewindow.h"

#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "format.h"
#include "planlabels.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace dci {

namespace {

constexpr int kIdRole = Qt::UserRole;       // a change row's site or span id
constexpr int kKindRole = Qt::UserRole + 1; // "site" or "span"
const QColor kAddedFill(0xe3, 0xf4, 0xe1);
const QColor kRemovedFill(0xfd, 0xec, 0xea);
const QColor kChangedFill(0xff, 0xf3, 0xc4);
const QString kAbsent = QStringLiteral("\u2013");

QString qs(const std::string &s) { return QString::fromStdString(s); }

QColor fillFor(const std::string &change)
{
    return change == "added" ? kAddedFill : change == "removed" ? kRemovedFill : kChangedFill;
}

// A headline figure as the status bar writes it ("904.3 MW", "2.06 Tb/s", "97.6%").
QString figureText(const std::string &figure, double v)
{
    if (figure == "gpus" || figure.rfind("modules:", 0) == 0)
        return formatCount(std::llround(v));
    if (figure == "power_mw")
        return formatMw(v);
    if (figure == "dci_tbps")
        return formatRate(v * 1000.0);
    if (figure == "step_s")
        return formatSeconds(v);
    if (figure == "efficiency")
        return formatPercent(v);
    if (figure == "opex_usd_per_year")
        return formatUsd(v) + CompareWindow::tr("/yr");
    return formatUsd(v);
}

// The difference b - a with its sign; an efficiency's in percentage points.
QString differenceText(const std::string &figure, double d)
{
    const QString sign = d > 0 ? QStringLiteral("+") : d < 0 ? QStringLiteral("\u2212") : QString();
    if (figure == "efficiency")
        return sign + displayLocale().toString(std::abs(d) * 100.0, 'f', 1) + CompareWindow::tr(" pts");
    return sign + figureText(figure, std::abs(d));
}

QString figureName(const std::string &figure)
{
    if (figure.rfind("modules:", 0) == 0)
        return CompareWindow::tr("%1 modules").arg(qs(figure.substr(8)));
    static const std::pair<const char *, const char *> kNames[] = {
        {"gpus", QT_TRANSLATE_NOOP("dci::CompareWindow", "GPUs")},
        {"power_mw", QT_TRANSLATE_NOOP("dci::CompareWindow", "Facility power")},
        {"dci_tbps", QT_TRANSLATE_NOOP("dci::CompareWindow", "Required DCI")},
        {"step_s", QT_TRANSLATE_NOOP("dci::CompareWindow", "Step time")},
        {"efficiency", QT_TRANSLATE_NOOP("dci::CompareWindow", "Scaling efficiency")},
        {"capex_usd", QT_TRANSLATE_NOOP("dci::CompareWindow", "DCI capex")},
        {"opex_usd_per_year", QT_TRANSLATE_NOOP("dci::CompareWindow", "DCI opex")},
    };
    for (const auto &[key, name] : kNames)
        if (figure == key)
            return CompareWindow::tr(name);
    return qs(figure);
}

// A field's JSON value as read: strings without their quotes, an absent one as "–".
QString fieldText(const std::string &json)
{
    if (json.empty())
        return kAbsent;
    QString text = qs(json);
    if (text.size() >= 2 && text.startsWith(QLatin1Char('"')) && text.endsWith(QLatin1Char('"')))
        text = text.mid(1, text.size() - 2);
    return text;
}

QString rateText(const std::optional<double> &gbps)
{
    return gbps ? formatRate(*gbps) : kAbsent;
}

QTreeWidgetItem *changeItem(QTreeWidgetItem *parent, const QStringList &columns, const std::string &change)
{
    auto *item = new QTreeWidgetItem(parent, columns);
    for (int c = 0; c < item->columnCount(); ++c) {
        item->setBackground(c, fillFor(change));
        item->setToolTip(c, columns[c]); // a long value (a description) is cut in its column
    }
    return item;
}

// "1 span", "2 spans".
QString counted(qsizetype n, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

QLabel *planTitle(QWidget *parent)
{
    auto *label = new QLabel(parent);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    label->setContentsMargins(4, 2, 4, 2);
    return label;
}

} // namespace

CompareWindow::CompareWindow(const MapLayer *map, QWidget *parent)
    : QWidget(parent)
    , m_sceneA(new CanvasScene(this))
    , m_sceneB(new CanvasScene(this))
{
    setObjectName(QStringLiteral("CompareWindow"));
    setWindowTitle(tr("Compare"));
    // Read-only canvases: their intents (add, connect, move) are connected to nothing.
    m_viewA = new CanvasView(m_sceneA, this);
    m_viewB = new CanvasView(m_sceneB, this);
    for (CanvasView *view : {m_viewA, m_viewB}) {
        view->setMapLayer(map);
        view->setMinimumSize(200, 160);
    }
    m_titleA = planTitle(this);
    m_titleB = planTitle(this);

    auto *canvases = new QWidget(this);
    auto *canvasRow = new QHBoxLayout(canvases);
    canvasRow->setContentsMargins(0, 0, 0, 0);
    for (auto [title, view] : {std::pair{m_titleA, m_viewA}, std::pair{m_titleB, m_viewB}}) {
        auto *column = new QVBoxLayout;
        column->setSpacing(0);
        column->addWidget(title);
        column->addWidget(view, 1);
        canvasRow->addLayout(column, 1);
    }

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("compareSummary"));
    m_summary->setWordWrap(true);
    auto *fit = new QPushButton(tr("Fit Both"), this);
    fit->setToolTip(tr("Show both plans whole, at one zoom"));
    connect(fit, &QPushButton::clicked, this, [this] {
        m_userMoved = false;
        fitBoth();
    });
    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(fit);

    m_headline = new QTableWidget(0, 4, this);
    m_headline->setObjectName(QStringLiteral("compareHeadline"));
    m_headline->verticalHeader()->hide();
    m_headline->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headline->setSelectionMode(QAbstractItemView::NoSelection);
    m_headline->verticalHeader()->setDefaultSectionSize(m_headline->fontMetrics().height() + 6);
    m_headline->setHorizontalHeaderLabels({tr("Figure"), tr("A"), tr("B"), tr("B \u2212 A")});

    m_changes = new QTreeWidget(this);
    m_changes->setObjectName(QStringLiteral("compareChanges"));
    m_changes->setColumnCount(4);
    m_changes->setHeaderLabels({tr("Change"), tr("What"), tr("A"), tr("B")});
    m_changes->setToolTip(tr("Green: only in B; red: only in A; amber: changed. Click a site or span to select it "
                             "on both canvases"));
    connect(m_changes, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        const QString id = item->data(0, kIdRole).toString();
        if (id.isEmpty())
            return;
        const bool site = item->data(0, kKindRole).toString() == QLatin1String("site");
        // The other canvas follows through the selection sync.
        const bool inA = site ? m_sceneA->siteItem(id) != nullptr : m_sceneA->spanItem(id) != nullptr;
        CanvasView *view = inA ? m_viewA : m_viewB;
        view->selectElements(site ? QStringList{id} : QStringList(), site ? QStringList() : QStringList{id});
    });

    m_tables = new QSplitter(Qt::Horizontal, this);
    m_tables->addWidget(m_headline);
    m_tables->addWidget(m_changes);
    m_tables->setStretchFactor(1, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(canvases);
    split->addWidget(m_tables);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({480, 320});
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    // Each view follows the other: its zoom and where it is scrolled to.
    for (const auto &pair : {std::pair{m_viewA, m_viewB}, std::pair{m_viewB, m_viewA}}) {
        CanvasView *from = pair.first;
        CanvasView *to = pair.second;
        connect(from, &CanvasView::zoomChanged, this, [this, from, to] { follow(from, to); });
        connect(from->horizontalScrollBar(), &QScrollBar::valueChanged, this, [this, from, to] { follow(from, to); });
        connect(from->verticalScrollBar(), &QScrollBar::valueChanged, this, [this, from, to] { follow(from, to); });
        from->viewport()->installEventFilter(this); // the user's own zoom or pan ends the shared fit
        CanvasScene *scene = from->canvasScene();
        connect(scene, &QGraphicsScene::selectionChanged, this, [this, from, to] {
            if (m_syncing)
                return;
            const QScopedValueRollback guard(m_syncing, true);
            to->selectElements(from->selectedSiteIds(), from->selectedSpanIds());
        });
    }
}

CompareWindow::~CompareWindow()
{
    // The scenes deselect their items as they go, and a view's scroll bars move when its
    // scene goes, either of which would call back into this window after its own part of
    // the object is gone (UBSan: member call on a QWidget, tst_study compareWithItself).
    m_sceneA->disconnect(this);
    m_sceneB->disconnect(this);
    for (CanvasView *view : {m_viewA, m_viewB}) {
        view->disconnect(this);
        view->horizontalScrollBar()->disconnect(this);
        view->verticalScrollBar()->disconnect(this);
    }
}

void CompareWindow::show(const Plan &a, const Plan &b, const Comparison &comparison)
{
    setWindowTitle(tr("Compare: %1 and %2").arg(a.label, b.label));
    m_titleA->setText(tr("A: %1").arg(a.label));
    m_titleB->setText(tr("B: %1").arg(b.label));
    m_sceneA->show(a.scenario, a.results);
    m_sceneB->show(b.scenario, b.results);
    fillHeadline(comparison);
    fillChanges(a, b, comparison);
    m_userMoved = false;
    if (isVisible())
        fitBoth();
}

void CompareWindow::fillHeadline(const Comparison &c)
{
    m_headline->setRowCount(static_cast<int>(c.headline.size()));
    int row = 0;
    int differing = 0;
    for (const FigureDiff &f : c.headline) {
        const std::optional<double> d = f.difference();
        const QStringList cells{figureName(f.figure), f.a ? figureText(f.figure, *f.a) : kAbsent,
                                f.b ? figureText(f.figure, *f.b) : kAbsent,
                                d ? (f.differs() ? differenceText(f.figure, *d) : QString()) : kAbsent};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            if (column != FigureColumn)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (f.differs()) {
                item->setBackground(kChangedFill);
                if (column == DifferenceColumn) {
                    QFont bold = item->font();
                    bold.setBold(true);
                    item->setFont(bold);
                }
            }
            m_headline->setItem(row, column, item);
        }
        differing += f.differs();
        ++row;
    }
    m_headline->resizeColumnsToContents();
    // The table as wide as its columns; the changes take the rest.
    int width = 2 * m_headline->frameWidth() + m_headline->verticalScrollBar()->sizeHint().width();
    for (int column = 0; column < m_headline->columnCount(); ++column)
        width += m_headline->columnWidth(column);
    m_tables->setSizes({width, std::max(m_tables->width() - width, width)});
    m_differing = differing;
}

QTreeWidgetItem *CompareWindow::changeGroup(ChangeGroup group) const
{
    return m_groups[group];
}

void CompareWindow::fillChanges(const Plan &a, const Plan &b, const Comparison &c)
{
    m_changes->clear();
    std::fill(std::begin(m_groups), std::end(m_groups), nullptr);
    auto groupItem = [this](ChangeGroup group, const QString &title, std::size_t count) -> QTreeWidgetItem * {
        if (count == 0)
            return nullptr;
        auto *item = new QTreeWidgetItem(m_changes, {tr("%1 (%2)").arg(title).arg(count)});
        QFont bold = item->font(0);
        bold.setBold(true);
        item->setFont(0, bold);
        item->setFirstColumnSpanned(true);
        item->setExpanded(true);
        m_groups[group] = item;
        return item;
    };
    auto changeWord = [](const std::string &change) {
        return change == "added" ? tr("only in B") : change == "removed" ? tr("only in A") : tr("changed");
    };
    // A field's row under its element, or under Settings.
    auto addFields = [](QTreeWidgetItem *parent, const std::vector<FieldChange> &fields) {
        for (const FieldChange &f : fields)
            changeItem(parent, {QString(), qs(f.field), fieldText(f.a), fieldText(f.b)}, "changed");
    };

    if (QTreeWidgetItem *settings = groupItem(Settings, tr("Settings"), c.settings.size()))
        addFields(settings, c.settings);

    const auto elements = [&](ChangeGroup group, const QString &title, const std::vector<ElementChange> &changes,
                              bool site) {
        QTreeWidgetItem *parent = groupItem(group, title, changes.size());
        for (const ElementChange &e : changes) {
            const Scenario &named = e.change == "removed" ? a.scenario : b.scenario;
            const QString name = site ? siteTitle(named, e.id) : spanTitle(named, e.id);
            QStringList columns{changeWord(e.change), name};
            if (!site && (e.utilization_a || e.utilization_b))
                columns << (e.utilization_a ? formatPercent(*e.utilization_a) : kAbsent)
                        << (e.utilization_b ? formatPercent(*e.utilization_b) : kAbsent);
            QTreeWidgetItem *item = changeItem(parent, columns, e.change);
            item->setData(0, kIdRole, qs(e.id));
            item->setData(0, kKindRole, site ? QStringLiteral("site") : QStringLiteral("span"));
            item->setToolTip(1, qs(e.id));
            addFields(item, e.fields);
        }
    };
    elements(Sites, tr("Sites"), c.sites, true);
    elements(Spans, tr("Spans (utilisation)"), c.spans, false);

    QTreeWidgetItem *demands = groupItem(Demands, tr("Demands (needed / given)"), c.demands.size());
    for (const DemandChange &d : c.demands) {
        const Scenario &named = d.change == "removed" ? a.scenario : b.scenario;
        QString what = siteTitle(named, d.from) + QStringLiteral(" \u2192 ") + siteTitle(named, d.to);
        if (!d.label.empty())
            what += QStringLiteral(" (%1)").arg(qs(d.label));
        auto rates = [](const std::optional<double> &gbps, const std::optional<double> &rate) {
            return gbps || rate ? rateText(gbps) + QStringLiteral(" / ") + rateText(rate) : kAbsent;
        };
        changeItem(demands, {changeWord(d.change), what, rates(d.gbps_a, d.rate_gbps_a), rates(d.gbps_b, d.rate_gbps_b)},
                   d.change);
    }
    m_changes->expandAll();
    constexpr int kMaxColumnPx = 220; // A and B stay in view; a long value is cut, its tooltip whole
    for (int column = 0; column < m_changes->columnCount(); ++column) {
        m_changes->resizeColumnToContents(column);
        m_changes->setColumnWidth(column, std::min(m_changes->columnWidth(column), kMaxColumnPx));
    }

    if (c.identical()) {
        m_summary->setText(tr("No differences: the two plans are the same, figure for figure."));
        return;
    }
    m_summary->setText(tr("%1 of %2 headline figures differ. Changed: %3, %4, %5, %6.")
                           .arg(m_differing)
                           .arg(c.headline.size())
                           .arg(counted(c.settings.size(), tr("setting"), tr("settings")),
                                counted(c.sites.size(), tr("site"), tr("sites")),
                                counted(c.spans.size(), tr("span"), tr("spans")),
                                counted(c.demands.size(), tr("demand"), tr("demands"))));
}

void CompareWindow::follow(CanvasView *from, CanvasView *to)
{
    // A view still following its own fit (first show, resize) is brought in line by fitBoth.
    if (m_syncing || from->followsFit())
        return;
    const QScopedValueRollback guard(m_syncing, true);
    to->showAt(from->zoom(), from->visibleSceneRect().center());
}

void CompareWindow::fitBoth()
{
    const QScopedValueRollback guard(m_syncing, true);
    // Each plan fitted on its own, then both at the zoom that shows the two fits together.
    m_viewA->fitToScene();
    QRectF both = m_viewA->visibleSceneRect();
    m_viewB->fitToScene();
    both |= m_viewB->visibleSceneRect();
    m_viewA->showSceneRect(both);
    m_viewB->showAt(m_viewA->zoom(), m_viewA->visibleSceneRect().center());
}

bool CompareWindow::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::Wheel:
    case QEvent::MouseButtonPress:
        m_userMoved = true;
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

void CompareWindow::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (!m_userMoved)
        fitBoth();
}

void CompareWindow::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Once laid out, so the canvases have their size.
    QTimer::singleShot(0, this, [this] {
        if (!m_userMoved)
            fitBoth();
    });
}

} // namespace dci

#include "resiliencepanel.h"

#include "format.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

namespace dci {

namespace {
constexpr int kProgressPollMs = 100;
enum Column { Failure, TakesDown, Worst, WorstSpan, Overloaded, Cut, Efficiency, ColumnCount };

QString kindName(const std::string &kind)
{
    if (kind == "srlg")
        return ResiliencePanel::tr("shared-risk group");
    if (kind == "site")
        return ResiliencePanel::tr("site");
    return ResiliencePanel::tr("span");
}
} // namespace

ResiliencePanel::ResiliencePanel(QWidget *parent)
    : QWidget(parent)
{
    m_run = new QPushButton(tr("Run N-1"), this);
    m_run->setToolTip(tr("Fail every span and every shared-risk group in turn, reroute, and list what each "
                         "failure does, worst first"));
    m_stop = new QPushButton(tr("Cancel"), this);
    m_stop->setEnabled(false);
    m_sites = new QCheckBox(tr("Fail sites too"), this);
    m_colour = new QCheckBox(tr("Colour spans by N-1"), this);
    m_colour->setToolTip(tr("Colour each span by the worst utilisation anywhere when that span fails"));
    m_colour->setEnabled(false);
    m_back = new QPushButton(tr("Show the Plan"), this);
    m_back->setToolTip(tr("Back from a failure case to the plan as it is"));
    m_back->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);
    m_progress->setMaximumWidth(200);
    m_summary = new QLabel(tr("Run the analysis to see what each failure does."), this);
    m_summary->setWordWrap(true);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setHorizontalHeaderLabels({tr("Failure"), tr("Takes down"), tr("Worst utilisation"), tr("On span"),
                                        tr("Spans over 100%"), tr("Demands cut"), tr("Job efficiency")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    for (int col : {Failure, Worst, WorstSpan, Overloaded, Efficiency})
        m_table->horizontalHeader()->setSectionResizeMode(col, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(TakesDown, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(Cut, QHeaderView::Stretch);

    // Two short rows rather than one long one: the dock shares its width with the
    // Diagnostics and must give way in a small window (issue 13 #17).
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_run);
    actions->addWidget(m_stop);
    actions->addWidget(m_back);
    actions->addWidget(m_progress);
    actions->addStretch(1);
    auto *options = new QHBoxLayout;
    options->addWidget(m_sites);
    options->addWidget(m_colour);
    options->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(actions);
    layout->addLayout(options);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);

    connect(m_run, &QPushButton::clicked, this, &ResiliencePanel::run);
    connect(m_stop, &QPushButton::clicked, this, &ResiliencePanel::cancel);
    connect(m_colour, &QCheckBox::toggled, this, [this] { emit colouringChanged(spanColours()); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto rows = m_table->selectionModel()->selectedRows();
        m_back->setEnabled(!rows.isEmpty());
        emit caseChosen(rows.isEmpty() ? -1 : m_table->item(rows.first().row(), Failure)->data(Qt::UserRole).toInt());
    });
    connect(m_back, &QPushButton::clicked, m_table, &QTableWidget::clearSelection);
    updateState();
}

ResiliencePanel::~ResiliencePanel()
{
    if (m_thread) {
        cancel();
        m_thread->wait();
    }
}

void ResiliencePanel::setPlan(const Scenario &scenario, const Catalog &base)
{
    m_scenario = &scenario;
    m_base = &base;
    if (m_hasResult)
        m_stale = true;
    updateState();
}

void ResiliencePanel::run()
{
    if (m_thread || !m_base || !m_scenario)
        return;
    m_cancel = std::make_unique<std::atomic<bool>>(false);
    m_done = std::make_shared<std::atomic<std::size_t>>(0);
    m_total = std::make_shared<std::atomic<std::size_t>>(0);
    auto result = std::make_shared<ResilienceResult>();
    const Scenario plan = *m_scenario;
    const Catalog *base = m_base;
    const bool sites = m_sites->isChecked();
    Progress progress;
    progress.cancel = m_cancel.get();
    progress.onStep = [done = m_done, total = m_total](std::size_t d, std::size_t t) {
        done->store(d);
        total->store(t);
    };
    m_thread = QThread::create([result, plan, base, sites, progress] {
        *result = analyseFailures(plan, *base, sites, progress);
    });
    auto *poll = new QTimer(m_thread);
    poll->setInterval(kProgressPollMs);
    connect(poll, &QTimer::timeout, this, [this] {
        const std::size_t total = m_total->load();
        m_progress->setMaximum(static_cast<int>(std::max<std::size_t>(total, 1)));
        m_progress->setValue(static_cast<int>(m_done->load()));
    });
    connect(m_thread, &QThread::finished, this, [this, result, plan, poll] {
        poll->stop();
        m_thread->deleteLater();
        m_thread = nullptr;
        m_result = *result;
        m_analysed = plan;
        m_hasResult = true;
        m_stale = false;
        showResult();
        updateState();
        if (m_colour->isChecked())
            emit colouringChanged(spanColours());
        emit finished();
    });
    m_thread->start();
    poll->start();
    updateState();
}

void ResiliencePanel::showPlan()
{
    m_table->clearSelection();
}

void ResiliencePanel::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

QHash<QString, double> ResiliencePanel::spanColours() const
{
    QHash<QString, double> colours;
    if (!m_hasResult || !m_colour->isChecked())
        return colours;
    for (const FailureCase &c : m_result.cases)
        if (c.kind == "span" && c.worst_utilization)
            colours.insert(QString::fromStdString(c.element), *c.worst_utilization);
    return colours;
}

bool ResiliencePanel::colouring() const
{
    return m_colour->isChecked() && m_hasResult;
}

void ResiliencePanel::showResult()
{
    const QSignalBlocker block(m_table);
    m_table->setRowCount(static_cast<int>(m_result.cases.size()));
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const FailureCase &c = m_result.cases[static_cast<std::size_t>(row)];
        auto *failure = new QTableWidgetItem(QStringLiteral("%1 %2").arg(kindName(c.kind), QString::fromStdString(c.element)));
        failure->setData(Qt::UserRole, row);
        m_table->setItem(row, Failure, failure);
        QStringList spans;
        for (const std::string &s : c.spans)
            spans << QString::fromStdString(s);
        m_table->setItem(row, TakesDown, new QTableWidgetItem(spans.join(QStringLiteral(", "))));
        m_table->setItem(row, Worst, new QTableWidgetItem(c.worst_utilization ? formatPercent(*c.worst_utilization)
                                                                              : QStringLiteral("–")));
        m_table->setItem(row, WorstSpan, new QTableWidgetItem(QString::fromStdString(c.worst_span)));
        m_table->setItem(row, Overloaded, new QTableWidgetItem(QString::number(c.overloaded_spans)));
        QStringList cut;
        for (const std::string &d : c.cut_demands)
            cut << QString::fromStdString(d);
        if (c.job_cut)
            cut.prepend(tr("the job is split"));
        m_table->setItem(row, Cut, new QTableWidgetItem(cut.join(QStringLiteral("; "))));
        m_table->setItem(row, Efficiency,
                         new QTableWidgetItem(c.efficiency ? formatPercent(*c.efficiency) : QStringLiteral("–")));
        for (int col : {Worst, Overloaded, Efficiency})
            m_table->item(row, col)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (c.overloaded_spans > 0 || c.job_cut || !c.cut_demands.empty())
            for (int col = 0; col < ColumnCount; ++col)
                m_table->item(row, col)->setForeground(QColor(0xb0, 0x00, 0x20));
    }
}

void ResiliencePanel::updateState()
{
    const bool running = m_thread != nullptr;
    m_run->setEnabled(!running && m_base);
    m_run->setText(m_stale ? tr("Run N-1 again") : tr("Run N-1"));
    m_stop->setEnabled(running);
    m_sites->setEnabled(!running);
    m_colour->setEnabled(m_hasResult && !running);
    m_progress->setVisible(running);
    if (running) {
        m_summary->setText(tr("Failing each span in turn…"));
        return;
    }
    if (!m_hasResult)
        return;
    QString text = tr("%1 failures: %2 push a span past 100%, %3 cut a demand off or split the job.")
                       .arg(m_result.cases.size())
                       .arg(m_result.overloading)
                       .arg(m_result.cutting);
    if (m_result.cancelled)
        text += QLatin1Char(' ') + tr("Cancelled: the list is partial.");
    if (m_stale)
        text += QLatin1Char(' ') + tr("The plan has changed since: run again for current figures.");
    m_summary->setText(text);
}

} // namespace dci

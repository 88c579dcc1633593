#include "sweeppanel.h"

#include "format.h"
#include "io/sweepreport.h"
#include "planlabels.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardItemModel>
#include <QStyle>
#include <QTabWidget>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

#include <cmath>
#include <set>

namespace dci {

namespace {

constexpr int kPathRole = Qt::UserRole;        // a parameter's path in the combo
constexpr int kFigureRole = Qt::UserRole;      // a table cell's figure as the core gave it
constexpr int kPreviewValues = 3;              // values named in the range note
constexpr int kNumberFieldWidth = 90;
const QColor kInvalidRow(0xfd, 0xec, 0xea);   // the value makes no valid plan
const QColor kErrorRow(0xff, 0xf3, 0xc4);     // evaluates, with error diagnostics
const char *const kRefusedStyle =
    "QLineEdit[refused=\"true\"] { border: 1px solid #c62828; border-radius: 2px; background: #fdecea; }";

QString qs(const std::string &s) { return QString::fromStdString(s); }

void markRefused(QLineEdit *field, bool refused)
{
    if (field->property("refused").toBool() == refused)
        return;
    field->setProperty("refused", refused);
    field->style()->unpolish(field);
    field->style()->polish(field);
}

QLineEdit *numberField(const QString &name, const QString &example, QWidget *parent)
{
    auto *field = new QLineEdit(parent);
    field->setObjectName(name);
    field->setPlaceholderText(example);
    field->setFixedWidth(kNumberFieldWidth);
    return field;
}

QTableWidgetItem *figureItem(const std::optional<double> &value, const QString &text)
{
    auto *item = new QTableWidgetItem(value ? text : QStringLiteral("\u2013"));
    if (value)
        item->setData(kFigureRole, *value);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

SweepPanel::SweepPanel(QWidget *parent)
    : QWidget(parent)
    , m_catalog(Catalog::builtin())
{
    setObjectName(QStringLiteral("SweepPanel"));
    setWindowTitle(tr("Sweep"));
    setStyleSheet(QLatin1String(kRefusedStyle));

    m_paramModel = new QStandardItemModel(this);
    m_param = new QComboBox(this);
    m_param->setObjectName(QStringLiteral("sweepParam"));
    m_param->setModel(m_paramModel);
    m_param->setMaxVisibleItems(24);
    m_param->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_param->setToolTip(tr("The figure of the plan to step: a span's length, optic or wavelengths, a site's GPUs, "
                           "a number of the job, or a catalog assumption"));

    m_rangeKind = new QComboBox(this);
    m_rangeKind->setObjectName(QStringLiteral("sweepRangeKind"));
    m_rangeKind->addItem(tr("Linear"), Linear);
    m_rangeKind->addItem(tr("Geometric"), Geometric);
    m_rangeKind->addItem(tr("List"), List);
    m_rangeKind->setToolTip(tr("Linear: evenly spaced points, both ends included. Geometric: from, from x factor, "
                               "... up to to. List: the values you type"));

    m_numberRange = new QWidget(this);
    auto *range = new QHBoxLayout(m_numberRange);
    range->setContentsMargins(0, 0, 0, 0);
    m_from = numberField(QStringLiteral("sweepFrom"), tr("e.g. 10"), m_numberRange);
    m_to = numberField(QStringLiteral("sweepTo"), tr("e.g. 2000"), m_numberRange);
    m_points = numberField(QStringLiteral("sweepPoints"), tr("e.g. 20"), m_numberRange);
    m_factor = numberField(QStringLiteral("sweepFactor"), tr("e.g. 2"), m_numberRange);
    m_values = new QLineEdit(m_numberRange);
    m_values->setObjectName(QStringLiteral("sweepValues"));
    m_values->setPlaceholderText(tr("e.g. 10, 50, 100, 200, 500"));
    m_values->setMinimumWidth(260);
    m_pointsLabel = new QLabel(tr("points"), m_numberRange);
    m_factorLabel = new QLabel(tr("factor"), m_numberRange);
    range->addWidget(m_rangeKind);
    range->addSpacing(8);
    range->addWidget(new QLabel(tr("from"), m_numberRange));
    range->addWidget(m_from);
    range->addWidget(new QLabel(tr("to"), m_numberRange));
    range->addWidget(m_to);
    range->addWidget(m_pointsLabel);
    range->addWidget(m_points);
    range->addWidget(m_factorLabel);
    range->addWidget(m_factor);
    range->addWidget(m_values, 1);
    range->addStretch();

    m_optics = new QWidget(this); // a span's optic: the catalog's optics by name
    auto *optics = new QHBoxLayout(m_optics);
    optics->setContentsMargins(0, 0, 0, 0);

    m_rangeNote = new QLabel(this);
    m_rangeNote->setObjectName(QStringLiteral("sweepRangeNote"));
    m_rangeNote->setWordWrap(true);
    m_rangeNote->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("Parameter"), m_param);
    auto *rangeRow = new QWidget(this);
    auto *rangeRowLayout = new QVBoxLayout(rangeRow);
    rangeRowLayout->setContentsMargins(0, 0, 0, 0);
    rangeRowLayout->addWidget(m_numberRange);
    rangeRowLayout->addWidget(m_optics);
    rangeRowLayout->addWidget(m_rangeNote);
    form->addRow(tr("Values"), rangeRow);

    m_run = new QPushButton(tr("Run"), this);
    m_run->setObjectName(QStringLiteral("sweepRun"));
    m_run->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("sweepCancel"));
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setTextVisible(false); // "0 of 1 points" until a sweep runs
    m_progress->setFormat(tr("%v of %m points"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFixedWidth(170);
    m_progress->hide(); // until a sweep runs
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("sweepStatus"));
    m_export = new QPushButton(tr("Export CSV..."), this);
    m_export->setObjectName(QStringLiteral("sweepExport"));
    m_export->setEnabled(false);
    m_export->setToolTip(tr("The table as CSV, the columns of dciplanner-cli sweep --csv"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_progress);
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_export);

    m_charts = new SweepCharts(this);
    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("sweepTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_charts, tr("Charts"));
    m_tabs->addTab(m_table, tr("Table"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_tabs, 1);

    connect(m_param, &QComboBox::currentIndexChanged, this, &SweepPanel::updateForm);
    connect(m_rangeKind, &QComboBox::currentIndexChanged, this, &SweepPanel::updateForm);
    for (QLineEdit *field : {m_from, m_to, m_points, m_factor, m_values}) {
        connect(field, &QLineEdit::textChanged, this, &SweepPanel::updateForm);
        connect(field, &QLineEdit::returnPressed, this, &SweepPanel::run);
    }
    connect(m_run, &QPushButton::clicked, this, &SweepPanel::run);
    connect(m_cancel, &QPushButton::clicked, this, &SweepPanel::cancel);
    connect(m_export, &QPushButton::clicked, this, &SweepPanel::exportDialog);
    fillOptics();
    updateForm();
}

SweepPanel::~SweepPanel()
{
    if (m_thread) {
        m_cancelFlag = true;
        m_thread->wait();
        delete m_thread;
    }
}

void SweepPanel::setPlan(const Scenario &scenario, const Catalog &catalog, const QString &planName)
{
    m_scenario = scenario;
    m_catalog = catalog;
    m_planName = planName;
    setWindowTitle(planName.isEmpty() ? tr("Sweep") : tr("Sweep: %1").arg(planName));
    fillParams();
    fillOptics();
    updateForm();
    if (m_hasResult && !isRunning())
        m_status->setText(tr("The plan has changed since this sweep: Run again to follow it."));
}

void SweepPanel::fillParams()
{
    const QString current = m_param->currentData(kPathRole).toString();
    const QSignalBlocker block(m_param);
    m_paramModel->clear();
    QString group;
    for (const std::string &path : sweepPaths(m_scenario, m_catalog)) {
        const SweepParamParse parsed = parseSweepPath(m_scenario, m_catalog, path);
        if (!parsed.param)
            continue;
        const SweepParamLabel label = sweepParamLabel(m_scenario, m_catalog, *parsed.param);
        if (label.group != group) { // a heading that cannot be chosen
            group = label.group;
            auto *heading = new QStandardItem(group);
            heading->setFlags(Qt::NoItemFlags);
            QFont bold = heading->font();
            bold.setBold(true);
            heading->setFont(bold);
            m_paramModel->appendRow(heading);
        }
        auto *item = new QStandardItem(QStringLiteral("    ") + label.text());
        item->setData(qs(path), kPathRole);
        item->setToolTip(qs(path));
        m_paramModel->appendRow(item);
    }
    if (!selectParam(current)) // the first parameter, not a heading
        for (int row = 0; row < m_paramModel->rowCount(); ++row)
            if (m_paramModel->item(row)->isEnabled()) {
                m_param->setCurrentIndex(row);
                break;
            }
}

bool SweepPanel::selectParam(const QString &path)
{
    if (path.isEmpty())
        return false;
    const int row = m_param->findData(path, kPathRole);
    if (row < 0)
        return false;
    m_param->setCurrentIndex(row);
    return true;
}

void SweepPanel::fillOptics()
{
    QStringList checked;
    for (const QCheckBox *box : std::as_const(m_opticBoxes))
        if (box->isChecked())
            checked << box->text();
    qDeleteAll(m_opticBoxes);
    m_opticBoxes.clear();
    auto *layout = static_cast<QHBoxLayout *>(m_optics->layout());
    while (QLayoutItem *item = layout->takeAt(0))
        delete item;
    for (const std::string &name : m_catalog.opticNames()) {
        auto *box = new QCheckBox(qs(name), m_optics);
        box->setChecked(checked.contains(box->text()));
        connect(box, &QCheckBox::toggled, this, &SweepPanel::updateForm);
        layout->addWidget(box);
        m_opticBoxes << box;
    }
    layout->addStretch();
}

SweepPanel::Request SweepPanel::request() const
{
    Request out;
    const QString path = m_param->currentData(kPathRole).toString();
    if (path.isEmpty()) {
        out.refusal = tr("Choose a parameter.");
        return out;
    }
    const SweepParamParse parsed = parseSweepPath(m_scenario, m_catalog, path.toStdString());
    if (!parsed.param) {
        out.refusal = qs(parsed.error);
        return out;
    }
    out.param = parsed.param;
    if (parsed.param->takesNames()) {
        for (const QCheckBox *box : m_opticBoxes)
            if (box->isChecked()) {
                SweepValue v;
                v.name = box->text().toStdString();
                out.values.push_back(v);
            }
        if (out.values.empty())
            out.refusal = tr("Tick the optics to compare.");
        return out;
    }
    const int kind = m_rangeKind->currentData().toInt();
    if (kind == List) {
        static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
        for (const QString &item : m_values->text().split(separators, Qt::SkipEmptyParts)) {
            bool ok = false;
            const double v = QLocale::c().toDouble(item, &ok);
            if (!ok || !std::isfinite(v)) {
                out.values.clear();
                out.refusal = tr("\"%1\" is not a number: separate the values with commas or spaces.").arg(item);
                return out;
            }
            SweepValue value;
            value.number = v;
            out.values.push_back(value);
        }
        if (out.values.empty())
            out.refusal = tr("Type the values, separated by commas or spaces.");
        else if (out.values.size() > kMaxSweepPoints)
            out.refusal = tr("At most %1 values.").arg(kMaxSweepPoints);
        if (!out.refusal.isEmpty())
            out.values.clear();
        return out;
    }
    QLineEdit *third = kind == Linear ? m_points : m_factor;
    for (QLineEdit *field : {m_from, m_to, third})
        if (field->text().trimmed().isEmpty()) {
            out.refusal = kind == Linear ? tr("Type from, to and the number of points.")
                                         : tr("Type from, to and the factor.");
            return out;
        }
    const std::optional<double> from = parsePlainNumber(m_from->text());
    const std::optional<double> to = parsePlainNumber(m_to->text());
    const std::optional<double> step = parsePlainNumber(third->text());
    for (const auto &[value, field] : {std::pair{from, m_from}, std::pair{to, m_to}, std::pair{step, third}})
        if (!value) {
            out.refusal = tr("\"%1\" is not a number.").arg(field->text().trimmed());
            return out;
        }
    SweepValues generated;
    if (kind == Linear) {
        if (*step != std::floor(*step))
            generated.error = "expected a whole number of points, got " + m_points->text().trimmed().toStdString();
        else
            generated = linearSweepValues(*from, *to, static_cast<long>(std::min(*step, 1e9)));
    } else {
        generated = geometricSweepValues(*from, *to, *step);
    }
    if (!generated.error.empty()) {
        QString reason = qs(generated.error);
        reason[0] = reason[0].toUpper();
        out.refusal = reason + QLatin1Char('.');
        return out;
    }
    out.values = generated.values;
    return out;
}

void SweepPanel::updateForm()
{
    const Request r = request();
    const bool names = r.param && r.param->takesNames();
    const int kind = m_rangeKind->currentData().toInt();
    m_numberRange->setVisible(!names);
    m_optics->setVisible(names);
    const bool list = kind == List;
    for (QWidget *w : m_numberRange->findChildren<QWidget *>())
        if (w != m_rangeKind)
            w->setVisible(!list);
    m_values->setVisible(list);
    m_pointsLabel->setVisible(kind == Linear);
    m_points->setVisible(kind == Linear);
    m_factorLabel->setVisible(kind == Geometric);
    m_factor->setVisible(kind == Geometric);

    // A field holding something that is not a number is framed red.
    for (QLineEdit *field : {m_from, m_to, m_points, m_factor})
        markRefused(field, !field->text().trimmed().isEmpty() && !parsePlainNumber(field->text()));
    markRefused(m_values, list && !r.values.size() && !m_values->text().trimmed().isEmpty());

    if (!r.refusal.isEmpty()) {
        // Refused outright (red) or only not yet filled in (grey).
        const bool typed = names ? false
                                 : (list ? !m_values->text().trimmed().isEmpty()
                                         : !m_from->text().trimmed().isEmpty() || !m_to->text().trimmed().isEmpty());
        m_rangeNote->setStyleSheet(typed ? QStringLiteral("color: #c62828;") : QStringLiteral("color: palette(mid);"));
        m_rangeNote->setText(r.refusal);
    } else {
        QStringList shown;
        const std::size_t n = r.values.size();
        for (std::size_t i = 0; i < n; ++i)
            if (i < kPreviewValues || i + 1 == n)
                shown << SweepCharts::valueText(r.values[i]);
            else if (i == kPreviewValues)
                shown << QStringLiteral("\u2026");
        m_rangeNote->setStyleSheet(QStringLiteral("color: palette(mid);"));
        const QString list = shown.join(QStringLiteral(", "));
        m_rangeNote->setText(n == 1 ? tr("1 point: %1").arg(list) : tr("%1 points: %2").arg(n).arg(list));
    }
    m_run->setEnabled(r.refusal.isEmpty() && !isRunning());
}

void SweepPanel::setRunning(bool running)
{
    m_cancel->setEnabled(running);
    m_param->setEnabled(!running);
    m_rangeKind->setEnabled(!running);
    m_export->setEnabled(!running && m_hasResult);
    updateForm();
}

void SweepPanel::run()
{
    const Request r = request();
    if (isRunning() || !r.refusal.isEmpty() || !r.param)
        return;
    const SweepParam param = *r.param;
    const SweepParamLabel label = sweepParamLabel(m_scenario, m_catalog, param);
    const SweepCharts::Axis axis = param.takesNames() ? SweepCharts::Axis::Names
        : m_rangeKind->currentData().toInt() == Geometric ? SweepCharts::Axis::Logarithmic
                                                          : SweepCharts::Axis::Linear;
    m_cancelFlag = false;
    m_progress->setRange(0, static_cast<int>(r.values.size()));
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_progress->show();
    m_status->setText(tr("Running..."));
    // The worker owns copies of the plan and the values; the result comes back through
    // `result` once the thread has finished.
    auto result = std::make_shared<SweepResult>();
    m_thread = QThread::create([this, result, scenario = m_scenario, catalog = m_catalog, param, values = r.values] {
        Progress progress;
        progress.cancel = &m_cancelFlag;
        progress.onStep = [this](std::size_t done, std::size_t total) {
            QMetaObject::invokeMethod(this, [this, done, total] { showProgress(done, total); }, Qt::QueuedConnection);
        };
        *result = runSweep(scenario, catalog, param, values, progress);
    });
    connect(m_thread, &QThread::finished, this, [this, result, label, axis] {
        m_thread->deleteLater();
        m_thread = nullptr;
        adopt(std::move(*result), label, axis, m_clock.elapsed());
    });
    m_clock.start();
    m_thread->start();
    setRunning(true);
}

void SweepPanel::cancel()
{
    if (!isRunning())
        return;
    m_cancelFlag = true;
    m_cancel->setEnabled(false);
    m_status->setText(tr("Cancelling..."));
}

void SweepPanel::showProgress(std::size_t done, std::size_t total)
{
    if (!isRunning())
        return;
    m_progress->setRange(0, static_cast<int>(total));
    m_progress->setValue(static_cast<int>(done));
}

void SweepPanel::adopt(SweepResult result, const SweepParamLabel &label, SweepCharts::Axis axis, qint64 elapsedMs)
{
    m_result = std::move(result);
    m_hasResult = true;
    const auto done = static_cast<int>(m_result.points.size());
    m_progress->setValue(done);
    const QString time = formatSeconds(static_cast<double>(elapsedMs) / 1000.0);
    m_status->setText(m_result.cancelled ? tr("Cancelled after %1 of %2 points (%3).").arg(done).arg(m_progress->maximum()).arg(time)
                                         : tr("%1 points in %2.").arg(done).arg(time));
    m_charts->show(m_result, label.text(), label.field, axis);
    fillTable(label.field);
    setRunning(false);
    emit finished();
}

void SweepPanel::fillTable(const QString &valueHeading)
{
    std::set<std::string> optics;
    for (const SweepPoint &p : m_result.points)
        for (const auto &[optic, count] : p.figures.modules)
            optics.insert(optic);
    QStringList headers{valueHeading, tr("Efficiency"), tr("Step time"), tr("Required DCI"), tr("DCI capex")};
    for (const std::string &optic : optics)
        headers << tr("%1 modules").arg(qs(optic));
    headers << tr("Errors");
    m_table->clear();
    m_table->setColumnCount(static_cast<int>(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(static_cast<int>(m_result.points.size()));
    int row = 0;
    for (const SweepPoint &p : m_result.points) {
        const bool valid = p.error.empty();
        const Headline &h = p.figures;
        auto *value = new QTableWidgetItem(SweepCharts::valueText(p.value));
        if (p.value.name.empty())
            value->setData(kFigureRole, p.value.number);
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        int column = 0;
        auto none = std::optional<double>();
        m_table->setItem(row, column++, value);
        m_table->setItem(row, column++, figureItem(valid ? h.efficiency : none, h.efficiency ? formatPercent(*h.efficiency) : QString()));
        m_table->setItem(row, column++, figureItem(valid ? h.step_s : none, h.step_s ? formatSeconds(*h.step_s) : QString()));
        m_table->setItem(row, column++, figureItem(valid ? std::optional(h.dci_tbps) : none, formatRate(h.dci_tbps * 1000.0)));
        m_table->setItem(row, column++, figureItem(valid ? h.capex_usd : none, h.capex_usd ? formatUsd(*h.capex_usd) : QString()));
        for (const std::string &optic : optics) {
            const auto it = h.modules.find(optic);
            const double count = it == h.modules.end() ? 0.0 : it->second;
            m_table->setItem(row, column++, figureItem(valid ? std::optional(count) : none, formatCount(std::llround(count))));
        }
        QStringList errors;
        for (const std::string &code : p.error_codes)
            errors << qs(code);
        auto *errorItem = new QTableWidgetItem(valid ? errors.join(QStringLiteral(", ")) : qs(p.error));
        errorItem->setToolTip(errorItem->text());
        m_table->setItem(row, column, errorItem);
        if (!valid || !errors.isEmpty())
            for (int c = 0; c < m_table->columnCount(); ++c)
                m_table->item(row, c)->setBackground(valid ? kErrorRow : kInvalidRow);
        ++row;
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);
}

bool SweepPanel::exportCsv(const QString &path, QString *error) const
{
    QSaveFile file(path);
    const QByteArray csv = QByteArray::fromStdString(sweepToCsv(m_result));
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void SweepPanel::exportDialog()
{
    if (!m_hasResult)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Sweep as CSV"), QStringLiteral("sweep.csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    m_status->setText(exportCsv(path, &error) ? tr("Written to %1.").arg(path)
                                              : tr("Could not write %1: %2").arg(path, error));
}

} // namespace dci

#include "propertiespanel.h"

#include "format.h"
#include "io/scenariojson.h"
#include "plannote.h"

#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFocusEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHelpEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStyleOptionComboBox>
#include <QStylePainter>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>
#include <cmath>
#include <iterator>
#include <utility>

namespace dci {

namespace {

// Dynamic properties each editable field carries:
// kShown  - what show() put in it (text, number, data or check state), to tell a user's
//           change from a refresh and to revert a refused edit;
// kStored - "<element id>\n<stored value>", to leave a field the user is typing in alone
//           while the value behind it has not changed.
constexpr const char *kShown = "dciShown";
constexpr const char *kStored = "dciStored";

constexpr int kMaxGpus = 10'000'000;
// What a count field lets the user type, sign included, before the commit judges it.
constexpr int kMinTypedCount = -999'999'999;
constexpr int kMaxTypedCount = 999'999'999;
constexpr int kMaxCount = 1000; // fiber pairs, wavelengths per pair
constexpr double kMaxPowerMw = 100'000.0;
constexpr double kMinLengthKm = 0.1; // the field's resolution; the format wants > 0
constexpr double kMaxLengthKm = 40'000.0;
const char *const kRefusedColor = "#c62828";
const char *const kRefusedFill = "#fdecea";

QString qs(const std::string &s) { return QString::fromStdString(s); }

std::vector<std::string> names(const char *const *items, std::size_t n) { return {items, items + n}; }
template<std::size_t N>
std::vector<std::string> names(const char *const (&items)[N]) { return names(items, N); }

// Display names for the format's keywords; the keyword itself is the item data.
QString friendlyName(const QString &key)
{
    const QHash<QString, QString> table = {
        {"hierarchical", QObject::tr("Hierarchical all-reduce")},
        {"flat-ring", QObject::tr("Flat ring all-reduce")},
        {"diloco", QObject::tr("DiLoCo")},
        {"streaming-diloco", QObject::tr("Streaming DiLoCo")},
        {"pipeline", QObject::tr("Pipeline across DCs")},
        {"direct", QObject::tr("Direct (every DC pair)")},
        {"ring", QObject::tr("Ring (neighbours only)")},
        {"shortest", QObject::tr("Shortest path")},
        {"ecmp", QObject::tr("ECMP (equal-cost paths)")},
        {"balanced", QObject::tr("Balanced (least peak utilisation)")},
        {"hash", QObject::tr("Hash (per flow)")},
        {"spray", QObject::tr("Spray (per packet)")},
        {"roce-gbn", QObject::tr("RoCE go-back-N")},
        {"selective-repeat", QObject::tr("Selective repeat")},
    };
    return table.value(key, key);
}

// Whole numbers with group separators ("70,000,000,000"), others with up to 12 digits.
QString formatNumber(double v)
{
    const QLocale locale = displayLocale();
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        return locale.toString(static_cast<qlonglong>(v));
    return locale.toString(v, 'g', 12);
}

// A number as typed: "70e9", "70,000,000,000", "70B", "0.4". Suffixes k, M, B (or G), T
// scale by thousands. Nullopt when it is not a finite number.
std::optional<double> parseNumber(const QString &input)
{
    QString t = input.trimmed();
    t.remove(QLatin1Char(' '));
    t.remove(QLatin1Char('_'));
    double scale = 1.0;
    if (!t.isEmpty()) {
        static const std::pair<QChar, double> suffixes[] = {
            {QLatin1Char('k'), 1e3}, {QLatin1Char('K'), 1e3}, {QLatin1Char('M'), 1e6},
            {QLatin1Char('B'), 1e9}, {QLatin1Char('G'), 1e9}, {QLatin1Char('T'), 1e12}};
        for (const auto &[suffix, factor] : suffixes) {
            if (t.back() == suffix) {
                scale = factor;
                t.chop(1);
                break;
            }
        }
    }
    bool ok = false;
    double v = displayLocale().toDouble(t, &ok);
    if (!ok)
        v = QLocale::c().toDouble(t, &ok);
    if (!ok || !std::isfinite(v * scale))
        return std::nullopt;
    return v * scale;
}

QString formatGbps(double gbps)
{
    const QLocale locale = displayLocale();
    if (gbps >= 1000.0)
        return locale.toString(gbps / 1000.0, 'f', gbps >= 10000.0 ? 1 : 2) + QStringLiteral(" Tbps");
    return locale.toString(gbps, 'f', gbps < 10.0 ? 1 : 0) + QStringLiteral(" Gbps");
}

// "/job/mfu: expected ..." -> "expected ..."
QString withoutPointer(const std::string &message)
{
    const QString m = qs(message);
    if (m.startsWith(QLatin1Char('/'))) {
        const qsizetype colon = m.indexOf(QStringLiteral(": "));
        if (colon > 0)
            return m.mid(colon + 2);
    }
    return m;
}

void setRefusedLook(QWidget *field, bool refused)
{
    if (!refused) {
        field->setStyleSheet(QString());
        return;
    }
    // The padding keeps a line edit as tall as its neighbours with their native frames.
    field->setStyleSheet(QStringLiteral("%1 { border: 1px solid %2; border-radius: 2px; padding: 2px; background: %3; }")
                             .arg(QLatin1String(field->metaObject()->className()), QLatin1String(kRefusedColor),
                                  QLatin1String(kRefusedFill)));
}

QVariant currentValue(QWidget *field)
{
    if (auto *e = qobject_cast<QLineEdit *>(field))
        return e->text();
    if (auto *s = qobject_cast<QSpinBox *>(field))
        return s->value();
    if (auto *d = qobject_cast<QDoubleSpinBox *>(field))
        return d->value();
    if (auto *c = qobject_cast<QComboBox *>(field))
        return c->currentData();
    if (auto *b = qobject_cast<QCheckBox *>(field))
        return b->isChecked();
    return {};
}

void setCurrentValue(QWidget *field, const QVariant &v)
{
    if (auto *e = qobject_cast<QLineEdit *>(field)) {
        if (e->text() != v.toString())
            e->setText(v.toString());
    } else if (auto *s = qobject_cast<QSpinBox *>(field)) {
        s->setValue(v.toInt());
    } else if (auto *d = qobject_cast<QDoubleSpinBox *>(field)) {
        d->setValue(v.toDouble());
    } else if (auto *c = qobject_cast<QComboBox *>(field)) {
        c->setCurrentIndex(c->findData(v));
    } else if (auto *b = qobject_cast<QCheckBox *>(field)) {
        b->setChecked(v.toBool());
    }
}

bool isChanged(QWidget *field) { return currentValue(field) != field->property(kShown); }

void markShown(QWidget *field) { field->setProperty(kShown, currentValue(field)); }

// True while the user is typing in field and its stored value is the one they started
// from: a refresh must not overwrite what they type.
bool userIsEditing(QWidget *field, const QString &stored)
{
    return field->hasFocus() && field->property(kStored).toString() == stored;
}

void showText(QLineEdit *edit, const QString &element, const QString &text)
{
    const QString stored = element + QLatin1Char('\n') + text;
    if (userIsEditing(edit, stored))
        return;
    if (edit->text() != text)
        edit->setText(text);
    edit->setProperty(kStored, stored);
    markShown(edit);
}

template<class Spin, class T>
void showValue(Spin *spin, const QString &element, T value)
{
    const QString stored = element + QLatin1Char('\n') + QString::number(static_cast<double>(value), 'g', 17)
        + QLatin1Char('\n') + QString::number(spin->minimum());
    if (userIsEditing(spin, stored))
        return;
    if (spin->value() != value)
        spin->setValue(value);
    spin->setProperty(kStored, stored);
    markShown(spin);
}

// Sets a spin box's range and special text ("auto", "unlimited" shown at the minimum)
// only when they change: setting them refreshes the text the user may be typing.
template<class Spin, class T>
void setSpinRange(Spin *spin, T minimum, T maximum, const QString &specialText)
{
    if (spin->minimum() != minimum || spin->maximum() != maximum)
        spin->setRange(minimum, maximum);
    if (spin->specialValueText() != specialText)
        spin->setSpecialValueText(specialText);
}

void showChoice(QComboBox *combo, const QString &key)
{
    const int index = combo->findData(key);
    if (combo->currentIndex() != index)
        combo->setCurrentIndex(index);
    markShown(combo);
}

void showCheck(QCheckBox *box, bool checked)
{
    if (box->isChecked() != checked)
        box->setChecked(checked);
    markShown(box);
}

// Refills a combo only when the catalog's names changed (show() runs often).
void fillChoices(QComboBox *combo, const std::vector<std::string> &keys, bool friendly)
{
    bool same = combo->count() == static_cast<int>(keys.size());
    for (int i = 0; same && i < combo->count(); ++i)
        same = combo->itemData(i).toString() == qs(keys[static_cast<std::size_t>(i)]);
    if (same)
        return;
    combo->clear();
    for (const std::string &k : keys)
        combo->addItem(friendly ? friendlyName(qs(k)) : qs(k), qs(k));
}

// Optic entries say what choosing them means: "400ZR · 400 Gb/s · 120 km · $4.5k", the
// price marked when it is a placeholder (issue 13 #18); the tooltip has the source.
void describeOptics(QComboBox *combo, const Catalog &catalog)
{
    for (int i = 0; i < combo->count(); ++i) {
        const Optic *optic = catalog.optic(combo->itemData(i).toString().toStdString());
        if (!optic)
            continue;
        const bool placeholderPrice = std::find(optic->placeholders.begin(), optic->placeholders.end(), "price_usd")
                                      != optic->placeholders.end();
        const QString text = QStringLiteral("%1 · %2 · %3 · %4%5")
                                 .arg(qs(optic->name), formatRate(optic->rate_gbps), formatKm(optic->reach_km),
                                      formatUsd(optic->price_usd), placeholderPrice ? QStringLiteral("*") : QString());
        if (combo->itemText(i) != text)
            combo->setItemText(i, text);
        combo->setItemData(i,
                           QObject::tr("%1: %2 per wavelength, reach %3, %4 a module%5.\nSource: %6")
                               .arg(qs(optic->name), formatRate(optic->rate_gbps), formatKm(optic->reach_km),
                                    formatUsd(optic->price_usd),
                                    placeholderPrice ? QObject::tr(" (a placeholder price)") : QString(),
                                    qs(optic->source)),
                           Qt::ToolTipRole);
    }
}

void setLabel(QLabel *label, const QString &text, bool alarm = false)
{
    if (label->text() != text)
        label->setText(text);
    const QString style = alarm ? QStringLiteral("color: %1; font-weight: bold;").arg(QLatin1String(kRefusedColor))
                                : QString();
    if (label->styleSheet() != style)
        label->setStyleSheet(style);
}

QLabel *addRow(QFormLayout *form, const QString &label, QWidget *field, const QString &tip)
{
    auto *l = new QLabel(label);
    l->setToolTip(tip);
    field->setToolTip(tip);
    for (QWidget *child : field->findChildren<QWidget *>())
        child->setToolTip(tip);
    form->addRow(l, field);
    return l;
}

QLabel *addResultRow(QFormLayout *form, const QString &label, const QString &tip)
{
    auto *value = new QLabel;
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    addRow(form, label, value, tip);
    return value;
}

QFormLayout *newForm(QGroupBox *box)
{
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows); // a narrow dock puts fields under labels
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return form;
}

// A number field and the check box that switches it: "[ 40.0 ] [x] limit".
QWidget *withCheckBox(QWidget *field, QCheckBox *box)
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(field);
    layout->addWidget(box);
    layout->addStretch(1);
    return row;
}

// Number fields share one width, wide enough for "10,000,000", so their left edges and
// the check boxes after them line up.
void setNumberWidth(QWidget *field)
{
    field->setFixedWidth(field->fontMetrics().horizontalAdvance(QStringLiteral("10,000,000")) + 30);
}

QSpinBox *newSpin(const QString &objectName, int minimum, int maximum)
{
    auto *spin = new QSpinBox;
    spin->setObjectName(objectName);
    spin->setRange(minimum, maximum);
    spin->setGroupSeparatorShown(true);
    setNumberWidth(spin);
    return spin;
}

// The unit is in the row's label, not repeated in the field.
QDoubleSpinBox *newDoubleSpin(const QString &objectName, double minimum, double maximum, int decimals)
{
    auto *spin = new QDoubleSpinBox;
    spin->setObjectName(objectName);
    spin->setDecimals(decimals);
    spin->setRange(minimum, maximum);
    spin->setGroupSeparatorShown(true);
    setNumberWidth(spin);
    return spin;
}

QCheckBox *newCheck(const QString &objectName, const QString &text)
{
    auto *box = new QCheckBox(text);
    box->setObjectName(objectName);
    return box;
}

// A combo box narrower than its current item ends the item in "…" (issue 13 #17: a cut
// "Hierarchical all-rec" looked broken); its tooltip then starts with the whole item.
class ElidingComboBox final : public QComboBox
{
protected:
    void paintEvent(QPaintEvent *) override
    {
        QStylePainter painter(this);
        QStyleOptionComboBox option;
        initStyleOption(&option);
        painter.drawComplexControl(QStyle::CC_ComboBox, option);
        option.currentText = fontMetrics().elidedText(option.currentText, Qt::ElideRight, textWidth(option));
        painter.drawControl(QStyle::CE_ComboBoxLabel, option);
    }

    bool event(QEvent *event) override
    {
        if (event->type() == QEvent::ToolTip) {
            QStyleOptionComboBox option;
            initStyleOption(&option);
            if (fontMetrics().horizontalAdvance(currentText()) > textWidth(option)) {
                const auto *help = static_cast<QHelpEvent *>(event);
                QToolTip::showText(help->globalPos(), toolTip().isEmpty() ? currentText()
                                                                          : currentText() + QStringLiteral("\n\n") + toolTip(),
                                   this);
                return true;
            }
        }
        return QComboBox::event(event);
    }

private:
    int textWidth(const QStyleOptionComboBox &option) const
    {
        return style()->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, this).width();
    }
};

QComboBox *newCombo(const QString &objectName)
{
    auto *combo = new ElidingComboBox;
    combo->setObjectName(objectName);
    // Narrow enough for a narrow dock; the popup still shows the whole names.
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(10);
    return combo;
}

// Strategies as bits, for the job fields that apply to some of them only.
enum StrategyBit : unsigned {
    Hierarchical = 1u << 0,
    FlatRing = 1u << 1,
    Diloco = 1u << 2,
    StreamingDiloco = 1u << 3,
    Pipeline = 1u << 4,
    AnyStrategy = 0x1fu,
};

unsigned strategyBit(const QString &strategy)
{
    for (std::size_t i = 0; i < std::size(kStrategies); ++i)
        if (strategy == QLatin1String(kStrategies[i]))
            return 1u << i;
    return 0;
}

} // namespace

// ---- the pages' widgets -----------------------------------------------------------------

struct PropertiesPanel::SiteFields {
    QLineEdit *name = nullptr;
    QDoubleSpinBox *lat = nullptr;
    QDoubleSpinBox *lon = nullptr;
    QComboBox *gpu = nullptr;
    QSpinBox *gpus = nullptr;
    QCheckBox *capOn = nullptr;
    QDoubleSpinBox *cap = nullptr;
    QCheckBox *pueOn = nullptr;
    QDoubleSpinBox *pue = nullptr;
    QLineEdit *region = nullptr;
    QLabel *itPower = nullptr;
    QLabel *facilityPower = nullptr;
    QLabel *capStatus = nullptr;
    double capSuggestion = 0.0; // a new cap starts at today's facility power
};

struct PropertiesPanel::SpanFields {
    QLabel *from = nullptr;
    QLabel *to = nullptr;
    QComboBox *optic = nullptr;
    QComboBox *band = nullptr;
    QSpinBox *pairs = nullptr;
    QCheckBox *pairsAuto = nullptr;
    QSpinBox *waves = nullptr;
    QCheckBox *wavesAuto = nullptr;
    QDoubleSpinBox *length = nullptr;
    QCheckBox *lengthAuto = nullptr;
    QLineEdit *metric = nullptr; // a line edit, so "2.5" is refused with a reason, not eaten
    QCheckBox *metricAuto = nullptr;
    QCheckBox *down = nullptr;
    QLabel *lengthUsed = nullptr;
    QLabel *latency = nullptr;
    QLabel *capacity = nullptr;
    QLabel *load = nullptr;
    QLabel *utilisation = nullptr;
    QLabel *maxWaves = nullptr;
    QLabel *reach = nullptr;
    // Turning "auto" off fixes the value the tool chose last.
    int pairsSuggestion = 1;
    int wavesSuggestion = 1;
    double lengthSuggestion = 1.0;
    qint64 metricSuggestion = 1; // the engine's metric: the latency in microseconds
};

struct JobNumber {
    const char *key;  // scenario key, and the catalog job_defaults key of its default
    QString label;    // form label, with the unit
    QString name;     // in messages and undo texts
    QString tip;
    double Job::*required = nullptr;              // model_params, tokens_per_step
    std::optional<double> Job::*optional = nullptr; // the others: empty = the default
    unsigned strategies = AnyStrategy;
    // Sent as jobConnectionsRequested() rather than in an edited scenario (the one job
    // number on the typed-intent path so far).
    bool typedIntent = false;
    QLabel *labelWidget = nullptr;
    QLineEdit *edit = nullptr;

    std::optional<double> get(const Job &job) const
    {
        return required ? std::optional<double>(job.*required) : job.*optional;
    }
    void set(Job &job, std::optional<double> v) const
    {
        if (required)
            job.*required = v.value_or(0.0);
        else
            job.*optional = v;
    }
};

struct PropertiesPanel::JobFields {
    QGroupBox *jobGroup = nullptr;
    QFormLayout *form = nullptr;
    QWidget *noJob = nullptr;
    QPushButton *addJob = nullptr;
    QComboBox *strategy = nullptr;
    QComboBox *dcPattern = nullptr;
    QComboBox *transport = nullptr;
    std::vector<JobNumber> numbers;
    QComboBox *policy = nullptr;
    QComboBox *loadBalancing = nullptr;
};

// ---- construction -------------------------------------------------------------------------

PropertiesPanel::PropertiesPanel(QWidget *parent)
    : QWidget(parent)
    , m_site(std::make_unique<SiteFields>())
    , m_span(std::make_unique<SpanFields>())
    , m_job(std::make_unique<JobFields>())
{
    setLocale(displayLocale());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("propertiesTitle"));
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    m_stack = new QStackedWidget;
    m_sitePage = buildSitePage();
    m_spanPage = buildSpanPage();
    m_jobPage = buildJobPage();
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
    for (QWidget *page : {m_sitePage, m_spanPage, m_jobPage, m_multiPage}) {
        auto *scroll = new QScrollArea;
        scroll->setWidget(page);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        m_stack->addWidget(scroll);
    }
    layout->addWidget(m_stack, 1);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("refusalMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(kRefusedColor)));
    m_message->hide(); // placed under the group of the refused field by refuse()

    setPage(m_jobPage, tr("Plan, training job and routing"));
}

PropertiesPanel::~PropertiesPanel() = default;

QWidget *PropertiesPanel::buildSitePage()
{
    SiteFields &f = *m_site;
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *box = new QGroupBox(tr("Site"));
    QFormLayout *form = newForm(box);
    f.name = new QLineEdit;
    f.name->setObjectName(QStringLiteral("siteName"));
    addRow(form, tr("Name"), f.name, tr("Display name on the map and in reports; left empty, the site's id is used."));
    f.lat = newDoubleSpin(QStringLiteral("siteLat"), -90.0, 90.0, 4);
    addRow(form, tr("Latitude (°N)"), f.lat, tr("WGS84 latitude in degrees, south negative."));
    f.lon = newDoubleSpin(QStringLiteral("siteLon"), -180.0, 180.0, 4);
    addRow(form, tr("Longitude (°E)"), f.lon, tr("WGS84 longitude in degrees, west negative."));
    f.gpu = newCombo(QStringLiteral("siteGpu"));
    addRow(form, tr("GPU type"), f.gpu, tr("The accelerator installed at the site, from the catalog."));
    // The spin takes what a user may type (a sign, too many digits) so the commit can refuse
    // it with a reason instead of silently clamping it (issue 13 #11).
    f.gpus = newSpin(QStringLiteral("siteGpus"), kMinTypedCount, kMaxTypedCount);
    addRow(form, tr("GPUs"), f.gpus, tr("Number of GPUs at the site; 0 makes it a hub that only switches traffic."));
    f.capOn = newCheck(QStringLiteral("sitePowerCapOn"), tr("limit"));
    f.cap = newDoubleSpin(QStringLiteral("sitePowerCap"), 0.0, kMaxPowerMw, 1);
    addRow(form, tr("Power cap (MW)"), withCheckBox(f.cap, f.capOn),
           tr("Facility power available at the site; without a limit the site may draw any power."));
    f.pueOn = newCheck(QStringLiteral("sitePueOn"), tr("override"));
    f.pue = newDoubleSpin(QStringLiteral("sitePue"), 1.0, 5.0, 2);
    f.pue->setSingleStep(0.05);
    addRow(form, tr("PUE"), withCheckBox(f.pue, f.pueOn),
           tr("Power usage effectiveness (facility power / IT power); unchecked, the scenario's default applies."));
    f.region = new QLineEdit;
    f.region->setObjectName(QStringLiteral("siteRegion"));
    f.region->setPlaceholderText(tr("its own region"));
    addRow(form, tr("Region"), f.region,
           tr("Sites with the same region name form one region. With the job's DC pattern \"Regions\" the "
              "all-reduce runs inside each region first and then between regions, so fewer bytes cross between "
              "regions. Empty: the site is a region of its own."));
    layout->addWidget(box);

    auto *results = new QGroupBox(tr("Results"));
    QFormLayout *rform = newForm(results);
    f.itPower = addResultRow(rform, tr("IT power"), tr("Power of the GPUs and their servers, network and storage share."));
    f.itPower->setObjectName(QStringLiteral("siteItPower"));
    f.facilityPower = addResultRow(rform, tr("Facility power"), tr("IT power times the site's PUE."));
    f.facilityPower->setObjectName(QStringLiteral("siteFacilityPower"));
    f.capStatus = addResultRow(rform, tr("Against the cap"), tr("Whether the facility power fits the site's power cap."));
    f.capStatus->setObjectName(QStringLiteral("siteCapStatus"));
    layout->addWidget(results);
    layout->addStretch(1);

    watchText(f.name, [this] { commitSiteName(); });
    watchText(f.lat, [this] { commitSiteLocation(true); });
    watchText(f.lon, [this] { commitSiteLocation(false); });
    watchText(f.gpus, [this] { commitSiteGpuCount(); });
    watchText(f.cap, [this] { commitSitePowerCap(false); });
    watchText(f.pue, [this] { commitSitePue(false); });
    watchText(f.region, [this] { commitSiteRegion(); });
    watchWheel(f.gpu);
    connect(f.gpu, &QComboBox::activated, this, [this] { commitSiteGpuType(); });
    connect(f.capOn, &QCheckBox::clicked, this, [this] { commitSitePowerCap(true); });
    connect(f.pueOn, &QCheckBox::clicked, this, [this] { commitSitePue(true); });
    return page;
}

QWidget *PropertiesPanel::buildSpanPage()
{
    SpanFields &f = *m_span;
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *box = new QGroupBox(tr("Span"));
    QFormLayout *form = newForm(box);
    f.from = new QLabel;
    f.from->setWordWrap(true);
    f.from->setObjectName(QStringLiteral("spanFrom"));
    addRow(form, tr("From"), f.from, tr("The site at one end of the fiber route (end a)."));
    f.to = new QLabel;
    f.to->setWordWrap(true);
    f.to->setObjectName(QStringLiteral("spanTo"));
    addRow(form, tr("To"), f.to, tr("The site at the other end (end b); traffic flows both ways."));
    f.optic = newCombo(QStringLiteral("spanOptic"));
    addRow(form, tr("Optic"), f.optic, tr("The coherent pluggable (ZR mode) lighting each wavelength."));
    f.band = newCombo(QStringLiteral("spanBand"));
    addRow(form, tr("Band"), f.band, tr("The line system's optical band, which sets how many wavelengths fit."));
    f.pairs = newSpin(QStringLiteral("spanFiberPairs"), 1, kMaxCount);
    f.pairsAuto = newCheck(QStringLiteral("spanFiberPairsAuto"), tr("auto"));
    addRow(form, tr("Fiber pairs"), withCheckBox(f.pairs, f.pairsAuto),
           tr("Fiber pairs lit on the span; auto lets the tool choose enough for the traffic."));
    f.waves = newSpin(QStringLiteral("spanWavelengths"), 1, kMaxCount);
    f.wavesAuto = newCheck(QStringLiteral("spanWavelengthsAuto"), tr("auto"));
    addRow(form, tr("Wavelengths"), withCheckBox(f.waves, f.wavesAuto),
           tr("Lit wavelengths per fiber pair; auto lets the tool choose enough for the traffic."));
    f.length = newDoubleSpin(QStringLiteral("spanLength"), kMinLengthKm, kMaxLengthKm, 1);
    f.lengthAuto = newCheck(QStringLiteral("spanLengthAuto"), tr("from the map"));
    addRow(form, tr("Length (km)"), withCheckBox(f.length, f.lengthAuto),
           tr("Fiber route length; from the map = great-circle distance times the route factor."));
    f.metric = new QLineEdit;
    f.metric->setObjectName(QStringLiteral("spanMetric"));
    setNumberWidth(f.metric);
    f.metricAuto = newCheck(QStringLiteral("spanMetricAuto"), tr("auto"));
    addRow(form, tr("Metric"), withCheckBox(f.metric, f.metricAuto),
           tr("IGP metric (1 to 16,777,215): routing prefers the path of lowest total metric, and ECMP splits "
              "traffic over paths of equal metric. Auto: the span's one-way latency in microseconds."));
    f.down = newCheck(QStringLiteral("spanDown"), tr("out of service"));
    addRow(form, tr("Down"), f.down, tr("A failed span carries no traffic; routing goes around it."));
    layout->addWidget(box);

    auto *results = new QGroupBox(tr("Results"));
    QFormLayout *rform = newForm(results);
    f.lengthUsed = addResultRow(rform, tr("Length used"), tr("The fiber length the evaluation used."));
    f.latency = addResultRow(rform, tr("Latency (one way)"), tr("Propagation delay over the fiber, one direction."));
    f.capacity = addResultRow(rform, tr("Capacity (each way)"), tr("Lit wavelengths times fiber pairs times the optic's rate."));
    f.capacity->setObjectName(QStringLiteral("spanCapacity"));
    f.load = addResultRow(rform, tr("Load (busier way)"), tr("Traffic routed over the span in its busier direction."));
    f.utilisation = addResultRow(rform, tr("Utilisation"), tr("Load over capacity; above 100% the traffic does not fit."));
    f.utilisation->setObjectName(QStringLiteral("spanUtilisation"));
    f.maxWaves = addResultRow(rform, tr("Max wavelengths"), tr("Wavelengths that fit the band on all fiber pairs together."));
    f.reach = addResultRow(rform, tr("Reach"), tr("Whether the optic reaches over the span's length."));
    f.reach->setObjectName(QStringLiteral("spanReach"));
    layout->addWidget(results);
    layout->addStretch(1);

    watchText(f.pairs, [this] { commitSpanCount(false, false); });
    watchText(f.waves, [this] { commitSpanCount(true, false); });
    watchText(f.length, [this] { commitSpanLength(false); });
    watchText(f.metric, [this] { commitSpanMetric(false); });
    watchWheel(f.optic);
    watchWheel(f.band);
    connect(f.optic, &QComboBox::activated, this, [this] { commitSpanChoice(true); });
    connect(f.band, &QComboBox::activated, this, [this] { commitSpanChoice(false); });
    connect(f.pairsAuto, &QCheckBox::clicked, this, [this] { commitSpanCount(false, true); });
    connect(f.wavesAuto, &QCheckBox::clicked, this, [this] { commitSpanCount(true, true); });
    connect(f.lengthAuto, &QCheckBox::clicked, this, [this] { commitSpanLength(true); });
    connect(f.metricAuto, &QCheckBox::clicked, this, [this] { commitSpanMetric(true); });
    connect(f.down, &QCheckBox::clicked, this, [this] { commitSpanDown(); });
    return page;
}

QWidget *PropertiesPanel::buildJobPage()
{
    JobFields &f = *m_job;
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);

    m_plan = new PlanNote;
    connect(m_plan, &PlanNote::nameRequested, this, &PropertiesPanel::planNameRequested);
    connect(m_plan, &PlanNote::descriptionRequested, this, &PropertiesPanel::planDescriptionRequested);
    layout->addWidget(m_plan);

    f.jobGroup = new QGroupBox(tr("Training job"));
    f.form = newForm(f.jobGroup);
    f.strategy = newCombo(QStringLiteral("jobStrategy"));
    fillChoices(f.strategy, names(kStrategies), true);
    addRow(f.form, tr("Strategy"), f.strategy, tr("How the DCs share the training: what crosses the DCI and how often."));
    f.dcPattern = newCombo(QStringLiteral("jobDcPattern"));
    fillChoices(f.dcPattern, names(kDcPatterns), true);
    addRow(f.form, tr("DC pattern"), f.dcPattern, tr("Whether every DC pair exchanges directly or each DC talks to its ring neighbours."));

    const unsigned dilocoKinds = Diloco | StreamingDiloco;
    f.numbers = {
        {"model_params", tr("Model parameters"), tr("model parameters"),
         tr("Parameter count of the model, e.g. 70e9 or 70B."), &Job::model_params, nullptr, AnyStrategy},
        {"tokens_per_step", tr("Tokens per step"), tr("tokens per step"),
         tr("Global batch in tokens per optimizer step, e.g. 16,777,216 (16M)."), &Job::tokens_per_step, nullptr,
         AnyStrategy},
        {"total_tokens", tr("Total tokens"), tr("total tokens"),
         tr("Tokens to train on, e.g. 15T; gives the training time. Empty: no training time."), nullptr,
         &Job::total_tokens, AnyStrategy},
        {"mfu", tr("MFU (fraction)"), tr("MFU"), tr("Model FLOPs utilisation: the share of the GPUs' peak the job reaches."),
         nullptr, &Job::mfu, AnyStrategy},
        {"overlap", tr("Overlap (fraction)"), tr("overlap"),
         tr("Share of the step's compute a per-step exchange can hide behind. Empty: 2/3, the backward pass, "
            "when gradients exist."),
         nullptr, &Job::overlap, AnyStrategy},
        {"grad_bytes", tr("Gradient (B/param)"), tr("gradient bytes"),
         tr("Bytes per gradient element exchanged every step (2 = BF16)."), nullptr, &Job::grad_bytes,
         Hierarchical | FlatRing},
        {"sync_bytes", tr("Sync (B/param)"), tr("sync bytes"),
         tr("Bytes per pseudo-gradient element at an outer sync (4 fp32, 2 bf16, 1 int8, 0.5 fp4)."), nullptr,
         &Job::sync_bytes, dilocoKinds},
        {"inner_steps", tr("Inner steps H"), tr("inner steps"),
         tr("Local optimizer steps between two outer syncs (a whole number)."), nullptr, &Job::inner_steps, dilocoKinds},
        {"fragments", tr("Fragments F"), tr("fragments"),
         tr("Parts the model is synced in, one every H/F steps; at most the inner steps."), nullptr, &Job::fragments,
         StreamingDiloco},
        {"overlap_steps", tr("Overlap (steps)"), tr("overlap steps"),
         tr("Steps of compute a sync may run behind before the job waits for it."), nullptr, &Job::overlap_steps,
         dilocoKinds},
        {"hidden_size", tr("Hidden size"), tr("hidden size"),
         tr("The model's hidden dimension, which sizes the activations sent between stages."), nullptr,
         &Job::hidden_size, Pipeline},
        {"act_bytes", tr("Activation (B/element)"), tr("activation bytes"),
         tr("Bytes per activation element sent between pipeline stages (2 = BF16)."), nullptr, &Job::act_bytes,
         Pipeline},
        {"microbatches", tr("Micro-batches"), tr("micro-batches"),
         tr("Micro-batches per step; more of them shrink the pipeline bubble."), nullptr, &Job::microbatches, Pipeline},
        {"connections_per_pair", tr("Connections per DC pair"), tr("connections per DC pair"),
         tr("Transport connections (queue pairs) between two DCs, a whole number: each has at most one window "
            "in flight, so they cap a DC pair's rate over distance. Empty: derived from the job (ranks x "
            "channels x queue pairs; 8 for the flat ring)."),
         nullptr, &Job::connections_per_pair, AnyStrategy, true},
        {"flows_per_pair", tr("Flows per DC pair"), tr("flows per DC pair"),
         tr("Flows the DCI hash sees between two DCs (ECMP imbalance). Empty: one per connection; fewer when "
            "traffic is tunnelled between DCI gateways."),
         nullptr, &Job::flows_per_pair, AnyStrategy},
    };
    for (std::size_t i = 0; i < f.numbers.size(); ++i) {
        JobNumber &n = f.numbers[i];
        n.edit = new QLineEdit;
        n.edit->setObjectName(QStringLiteral("job_") + QLatin1String(n.key));
        n.edit->setMinimumWidth(110);
        n.labelWidget = addRow(f.form, n.label, n.edit, n.tip);
        watchText(n.edit, [this, i] { commitJobNumber(i); });
    }

    f.transport = newCombo(QStringLiteral("jobTransport"));
    fillChoices(f.transport, names(kTransports), true);
    addRow(f.form, tr("Transport"), f.transport,
           tr("How RDMA recovers a lost packet: resend the window (go-back-N) or only the lost packet."));
    layout->addWidget(f.jobGroup);

    f.noJob = new QGroupBox(tr("Training job"));
    {
        auto *noJob = new QVBoxLayout(f.noJob);
        auto *text = new QLabel(tr("This scenario has no training job: only its explicit demands load the network."));
        text->setWordWrap(true);
        f.addJob = new QPushButton(tr("Add a training job"));
        f.addJob->setObjectName(QStringLiteral("addJob"));
        f.addJob->setToolTip(tr("Adds a 70B-parameter job with a 16M-token batch; edit its fields afterwards."));
        noJob->addWidget(text);
        noJob->addWidget(f.addJob, 0, Qt::AlignLeft);
    }
    layout->addWidget(f.noJob);

    auto *routing = new QGroupBox(tr("Routing"));
    QFormLayout *rform = newForm(routing);
    f.policy = newCombo(QStringLiteral("routingPolicy"));
    fillChoices(f.policy, names(kRoutingPolicies), true);
    addRow(rform, tr("Policy"), f.policy, tr("How demands pick their paths through the spans."));
    f.loadBalancing = newCombo(QStringLiteral("routingLoadBalancing"));
    fillChoices(f.loadBalancing, names(kLoadBalancing), true);
    addRow(rform, tr("Load balancing"), f.loadBalancing,
           tr("How a span spreads flows over its wavelengths: by flow hash or per packet."));
    layout->addWidget(routing);
    layout->addStretch(1);

    for (QComboBox *combo : {f.strategy, f.dcPattern, f.transport}) {
        watchWheel(combo);
        connect(combo, &QComboBox::activated, this, [this, combo] { commitJobChoice(combo); });
    }
    watchWheel(f.policy);
    watchWheel(f.loadBalancing);
    connect(f.policy, &QComboBox::activated, this, [this] { commitRoutingChoice(true); });
    connect(f.loadBalancing, &QComboBox::activated, this, [this] { commitRoutingChoice(false); });
    connect(f.addJob, &QPushButton::clicked, this, [this] { addJob(); });
    return page;
}

void PropertiesPanel::watchText(QWidget *field, std::function<void()> commitField)
{
    m_textCommits.insert(field, commitField);
    field->installEventFilter(this);
    if (auto *edit = qobject_cast<QLineEdit *>(field))
        connect(edit, &QLineEdit::editingFinished, this, commitField);
    else if (auto *spin = qobject_cast<QAbstractSpinBox *>(field))
        connect(spin, &QAbstractSpinBox::editingFinished, this, commitField);
    if (qobject_cast<QAbstractSpinBox *>(field))
        watchWheel(field);
}

void PropertiesPanel::watchWheel(QWidget *field)
{
    field->setFocusPolicy(Qt::StrongFocus);
    field->installEventFilter(this);
}

bool PropertiesPanel::eventFilter(QObject *watched, QEvent *event)
{
    auto *field = qobject_cast<QWidget *>(watched);
    if (!field)
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::KeyPress:
        if (static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape && m_textCommits.contains(field)) {
            revert(field);
            if (m_refusalField == field) // the refused value is gone, so is its reason
                clearRefusal();
            return true;
        }
        break;
    case QEvent::ShortcutOverride: {
        // Ctrl+Z / Ctrl+Shift+Z in a field with nothing typed since it was shown are the
        // document's undo and redo (as in Qt Creator and Tiled); while the user types, the
        // field keeps its own text undo.
        auto *key = static_cast<QKeyEvent *>(event);
        if ((key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)) && m_textCommits.contains(field)
            && !isChanged(field)) {
            event->ignore();
            return true;
        }
        break;
    }
    case QEvent::FocusOut:
        // Leaving a field commits it. Qt emits editingFinished too, but not after Return
        // when nothing was typed since; a refused value must still revert then. A context
        // menu is no leaving.
        if (static_cast<QFocusEvent *>(event)->reason() != Qt::PopupFocusReason && m_textCommits.contains(field)
            && isChanged(field))
            m_textCommits.value(field)();
        break;
    case QEvent::Wheel:
        // Scrolling the panel over a field must not change it.
        if (!field->hasFocus()) {
            event->ignore();
            return true;
        }
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

// ---- show -----------------------------------------------------------------------------

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

void PropertiesPanel::show(const Scenario &scenario, const Results &results, const Catalog &catalog,
                           const QStringList &selectedSiteIds, const QStringList &selectedSpanIds)
{
    const QScopedValueRollback updating(m_updating, true);
    m_scenario = scenario;
    m_catalog = catalog;
    m_plan->show(scenario);

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

    if (const Site *site = scenario.site(m_siteId); site && !m_siteId.empty()) {
        showSite(*site, results);
        setPage(m_sitePage, tr("Site: %1 (%2)").arg(siteLabel(), qs(site->id)));
    } else if (const Span *span = scenario.span(m_spanId); span && !m_spanId.empty()) {
        showSpan(*span, results);
        setPage(m_spanPage, tr("Span: %1").arg(qs(span->id)));
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
        showJob();
        setPage(m_jobPage, tr("Plan, training job and routing"));
    }
    // A refusal stays while its field is on screen for the same element.
    if (!m_refusal.isEmpty() && (selectionChanged || !m_refusalField || !m_refusalField->isVisibleTo(this)))
        clearRefusal();
}

void PropertiesPanel::showSite(const Site &site, const Results &results)
{
    SiteFields &f = *m_site;
    const QString element = QStringLiteral("site:") + qs(site.id);
    f.name->setPlaceholderText(qs(site.id));
    showText(f.name, element, qs(site.name));
    showValue(f.lat, element, site.lat);
    showValue(f.lon, element, site.lon);
    fillChoices(f.gpu, m_catalog.gpuNames(), false);
    showChoice(f.gpu, qs(site.gpu));
    setSpinRange(f.gpus, kMinTypedCount, static_cast<int>(std::clamp<std::int64_t>(site.gpus, kMaxTypedCount, INT_MAX)),
                 QString());
    showValue(f.gpus, element, static_cast<int>(std::min<std::int64_t>(site.gpus, INT_MAX)));

    const SiteResult *r = nullptr;
    for (const SiteResult &sr : results.sites)
        if (sr.id == site.id)
            r = &sr;
    f.capSuggestion = r ? std::ceil(r->power_mw) : 0.0;

    showCheck(f.capOn, site.power_cap_mw.has_value());
    f.cap->setEnabled(site.power_cap_mw.has_value());
    if (site.power_cap_mw) {
        setSpinRange(f.cap, 0.0, kMaxPowerMw, QString());
        showValue(f.cap, element, *site.power_cap_mw);
    } else {
        setSpinRange(f.cap, -1.0, kMaxPowerMw, tr("unlimited"));
        showValue(f.cap, element, -1.0);
    }

    const Figure *defaultPue = m_catalog.findFigure("pue");
    showCheck(f.pueOn, site.pue.has_value());
    f.pue->setEnabled(site.pue.has_value());
    showValue(f.pue, element, site.pue.value_or(defaultPue ? defaultPue->value : 1.0));
    const QString pueTip = tr("Power usage effectiveness (facility power / IT power); unchecked, the scenario's "
                              "default %1 applies.")
                               .arg(formatNumber(defaultPue ? defaultPue->value : 1.0));
    f.pue->setToolTip(pueTip);
    f.pueOn->setToolTip(pueTip);
    showText(f.region, element, qs(site.region));

    if (!r) {
        const QString none = QStringLiteral("–");
        setLabel(f.itPower, none);
        setLabel(f.facilityPower, none);
        setLabel(f.capStatus, none);
        return;
    }
    setLabel(f.itPower, formatMw(r->it_power_mw));
    setLabel(f.facilityPower, tr("%1 at PUE %2").arg(formatMw(r->power_mw), displayLocale().toString(r->pue, 'f', 2)));
    if (!r->power_cap_mw)
        setLabel(f.capStatus, tr("no cap"));
    else if (r->over_cap)
        setLabel(f.capStatus, tr("over the cap by %1").arg(formatMw(r->power_mw - *r->power_cap_mw)), true);
    else
        setLabel(f.capStatus, tr("within the cap, %1 spare").arg(formatMw(*r->power_cap_mw - r->power_mw)));
}

void PropertiesPanel::showSpan(const Span &span, const Results &results)
{
    SpanFields &f = *m_span;
    const QString element = QStringLiteral("span:") + qs(span.id);
    const auto siteText = [&](const std::string &id) {
        const Site *s = m_scenario.site(id);
        return s && !s->name.empty() && s->name != id ? tr("%1 (%2)").arg(qs(s->name), qs(id)) : qs(id);
    };
    setLabel(f.from, siteText(span.a));
    setLabel(f.to, siteText(span.b));
    fillChoices(f.optic, m_catalog.opticNames(), false);
    describeOptics(f.optic, m_catalog);
    showChoice(f.optic, qs(span.optic));
    fillChoices(f.band, m_catalog.bandNames(), false);
    showChoice(f.band, qs(span.band));

    const SpanResult *r = nullptr;
    for (const SpanResult &sr : results.spans)
        if (sr.id == span.id)
            r = &sr;

    // An "auto" count shows what the tool chose, greyed, or "auto" before it has.
    const auto showCount = [&](QSpinBox *spin, QCheckBox *autoBox, const std::optional<int> &stored,
                               const std::optional<int> &computed, int &suggestion) {
        suggestion = std::max(1, computed.value_or(stored.value_or(1)));
        showCheck(autoBox, !stored.has_value());
        spin->setEnabled(stored.has_value());
        if (stored) {
            setSpinRange(spin, 1, std::max(kMaxCount, *stored), QString());
            showValue(spin, element, *stored);
        } else {
            setSpinRange(spin, 0, std::max(kMaxCount, computed.value_or(0)), tr("auto"));
            showValue(spin, element, computed.value_or(0));
        }
    };
    showCount(f.pairs, f.pairsAuto, span.fiber_pairs, r ? r->fiber_pairs : std::nullopt, f.pairsSuggestion);
    showCount(f.waves, f.wavesAuto, span.wavelengths, r ? r->wavelengths : std::nullopt, f.wavesSuggestion);

    showCheck(f.lengthAuto, !span.length_km.has_value());
    f.length->setEnabled(span.length_km.has_value());
    const double mapLength = r ? std::round(r->length_km * 10.0) / 10.0 : 0.0;
    f.lengthSuggestion = std::max(kMinLengthKm, span.length_km.value_or(mapLength));
    if (span.length_km) {
        setSpinRange(f.length, kMinLengthKm, kMaxLengthKm, QString());
        showValue(f.length, element, *span.length_km);
    } else {
        setSpinRange(f.length, 0.0, kMaxLengthKm, tr("from the map"));
        showValue(f.length, element, mapLength);
    }
    // An auto metric shows the engine's (the latency in microseconds), greyed.
    f.metricSuggestion = r ? r->metric : 1;
    showCheck(f.metricAuto, !span.metric.has_value());
    f.metric->setEnabled(span.metric.has_value());
    showText(f.metric, element, span.metric ? formatNumber(static_cast<double>(*span.metric)) : QString());
    const QString metricPlaceholder = span.metric ? tr("auto") : displayLocale().toString(f.metricSuggestion);
    if (f.metric->placeholderText() != metricPlaceholder)
        f.metric->setPlaceholderText(metricPlaceholder);
    showCheck(f.down, span.down);

    if (!r) {
        const QString none = QStringLiteral("–");
        for (QLabel *l : {f.lengthUsed, f.latency, f.capacity, f.load, f.utilisation, f.maxWaves, f.reach})
            setLabel(l, none);
        return;
    }
    setLabel(f.lengthUsed, r->length_estimated ? tr("%1 (from the map)").arg(formatKm(r->length_km))
                                               : formatKm(r->length_km));
    setLabel(f.latency, formatMs(r->latency_ms));
    setLabel(f.capacity, r->capacity_gbps ? formatGbps(*r->capacity_gbps) : tr("– (not dimensioned)"));
    setLabel(f.load, r->load_gbps ? formatGbps(*r->load_gbps) : tr("–"));
    if (r->utilization)
        setLabel(f.utilisation, displayLocale().toString(*r->utilization * 100.0, 'f', 1) + QStringLiteral(" %"),
                 *r->utilization > 1.0);
    else
        setLabel(f.utilisation, tr("–"));
    if (r->max_wavelengths)
        setLabel(f.maxWaves, r->wavelengths && r->fiber_pairs
                                 ? tr("%1 (%2 lit)").arg(*r->max_wavelengths).arg(*r->wavelengths * *r->fiber_pairs)
                                 : QString::number(*r->max_wavelengths));
    else
        setLabel(f.maxWaves, tr("–"));
    if (!r->reach_ok)
        setLabel(f.reach, tr("–"));
    else if (*r->reach_ok)
        setLabel(f.reach, tr("OK, %1 of %2").arg(formatKm(r->length_km), formatKm(r->reach_km)));
    else
        setLabel(f.reach, tr("too long: %1, reach %2").arg(formatKm(r->length_km), formatKm(r->reach_km)), true);
}

void PropertiesPanel::showJob()
{
    JobFields &f = *m_job;
    showChoice(f.policy, qs(m_scenario.routing.policy));
    showChoice(f.loadBalancing, qs(m_scenario.routing.load_balancing));
    f.jobGroup->setVisible(m_scenario.job.has_value());
    f.noJob->setVisible(!m_scenario.job.has_value());
    if (!m_scenario.job)
        return;
    const Job &job = *m_scenario.job;
    const JobParams resolved = resolveJob(job, m_catalog, m_scenario.assumptions);
    const QString element = QStringLiteral("job");
    showChoice(f.strategy, qs(job.strategy));
    showChoice(f.dcPattern, qs(job.dc_pattern));
    showChoice(f.transport, qs(job.transport));
    for (JobNumber &n : f.numbers) {
        const std::optional<double> v = n.get(job);
        showText(n.edit, element, v ? formatNumber(*v) : QString());
        if (n.required)
            continue;
        // Unset optional fields follow the catalog (or the scenario's assumptions).
        QString placeholder;
        if (n.optional == &Job::connections_per_pair) {
            placeholder = resolved.connections_from == "assumptions"
                ? tr("plan's %1").arg(formatNumber(resolved.connections_per_pair))
                : tr("derived %1").arg(formatNumber(resolved.connections_per_pair));
        } else if (n.optional == &Job::flows_per_pair) {
            placeholder = resolved.flows_from == "assumptions"
                ? tr("plan's %1").arg(formatNumber(resolved.flows_per_pair))
                : tr("= connections");
        } else if (const Figure *fig = m_catalog.findFigure(n.key)) {
            // A hint, not a value to copy: 4 significant digits ("default 0.6667", not 12).
            placeholder = tr("default %1").arg(fig->value == std::floor(fig->value)
                                                   ? formatNumber(fig->value)
                                                   : displayLocale().toString(fig->value, 'g', 4));
        } else if (std::string(n.key) == "overlap_steps") {
            // docs/MODEL.md "Traffic": streaming DiLoCo overlaps one inner step; vanilla
            // DiLoCo waits for its outer sync unless overlap_steps is given.
            placeholder = job.strategy == "streaming-diloco" ? tr("default 1") : tr("none: the sync blocks");
        } else {
            placeholder = tr("none");
        }
        if (n.edit->placeholderText() != placeholder)
            n.edit->setPlaceholderText(placeholder);
    }
    updateJobVisibility(qs(job.strategy));
}

void PropertiesPanel::updateJobVisibility(const QString &strategy)
{
    JobFields &f = *m_job;
    const unsigned bit = strategyBit(strategy);
    // Every row is set, not only those whose row flag differs: the flag and the widgets'
    // own visibility could disagree, and setRowVisible() is cheap when nothing changes.
    for (const JobNumber &n : f.numbers)
        f.form->setRowVisible(n.edit, (n.strategies & bit) != 0);
    const bool pattern = (bit & (Hierarchical | Diloco | StreamingDiloco)) != 0;
    if (f.form->isRowVisible(f.dcPattern) != pattern)
        f.form->setRowVisible(f.dcPattern, pattern);
}

// ---- committing ---------------------------------------------------------------------------

bool PropertiesPanel::commit(QWidget *field, const QString &fieldName, const QString &description,
                             const std::function<void(Scenario &)> &change)
{
    if (m_updating)
        return false;
    Scenario after = m_scenario;
    change(after);
    if (writeScenario(after) == writeScenario(m_scenario)) {
        keep(field);
        return false;
    }
    std::vector<std::string> problems = checkScenario(after, m_catalog);
    if (!problems.empty()) {
        // Only what this edit breaks counts; the stored scenario is normally clean.
        const std::vector<std::string> before = checkScenario(m_scenario, m_catalog);
        std::erase_if(problems, [&](const std::string &p) {
            return std::find(before.begin(), before.end(), p) != before.end();
        });
    }
    if (!problems.empty()) {
        QStringList reasons;
        for (const std::string &p : problems)
            reasons << withoutPointer(p);
        reasons.removeDuplicates();
        refuse(field, fieldName + QStringLiteral(": ") + reasons.join(QStringLiteral("; ")));
        return false;
    }
    clearRefusal();
    // Until show() brings the stored scenario, further edits build on this one, and the
    // field counts as unchanged, so leaving it does not commit it twice.
    m_scenario = after;
    markShown(field);
    emit editRequested(description, after);
    return true;
}

bool PropertiesPanel::accept(QWidget *field, const QString &fieldName, const edits::Edited &edited)
{
    if (m_updating)
        return false;
    if (!edited.ok()) {
        refuse(field, fieldName + QStringLiteral(": ") + qs(edited.error));
        return false;
    }
    clearRefusal();
    // As in commit(): until show() brings the stored scenario, whole-scenario edits of
    // other fields build on this one, so they do not undo it.
    m_scenario = edited.scenario;
    markShown(field);
    return true;
}

void PropertiesPanel::refuse(QWidget *field, const QString &reason)
{
    if (m_refusedField && m_refusedField != field)
        setRefusedLook(m_refusedField, false);
    m_refusal = reason;
    m_refusalField = field;
    m_message->setText(reason);
    // Under the block of the page that holds the field (its group box).
    QWidget *page = currentPage();
    QWidget *block = field;
    while (block && block->parentWidget() != page)
        block = block->parentWidget();
    if (auto *layout = page ? qobject_cast<QVBoxLayout *>(page->layout()) : nullptr; layout && block) {
        if (m_message->parentWidget() != page || layout->indexOf(m_message) != layout->indexOf(block) + 1) {
            layout->removeWidget(m_message);
            m_message->setParent(page);
            layout->insertWidget(layout->indexOf(block) + 1, m_message);
        }
    }
    m_message->show();
    m_refusedField = field;
    setRefusedLook(field, true);
    // A field the user has left shows the stored value again; the message stays.
    if (!field->hasFocus() || !m_textCommits.contains(field))
        revert(field);
}

void PropertiesPanel::clearRefusal()
{
    m_refusal.clear();
    m_refusalField = nullptr;
    m_message->clear();
    m_message->hide();
    if (m_refusedField)
        setRefusedLook(m_refusedField, false);
    m_refusedField = nullptr;
}

void PropertiesPanel::revert(QWidget *field)
{
    setCurrentValue(field, field->property(kShown));
    keep(field);
}

void PropertiesPanel::keep(QWidget *field)
{
    if (m_refusedField == field) {
        setRefusedLook(field, false);
        m_refusedField = nullptr;
    }
}

Site *PropertiesPanel::editedSite(Scenario &s) const
{
    const int i = s.siteIndex(m_siteId);
    return i < 0 ? nullptr : &s.sites[static_cast<std::size_t>(i)];
}

Span *PropertiesPanel::editedSpan(Scenario &s) const
{
    const int i = s.spanIndex(m_spanId);
    return i < 0 ? nullptr : &s.spans[static_cast<std::size_t>(i)];
}

QString PropertiesPanel::siteLabel() const
{
    const Site *site = m_scenario.site(m_siteId);
    if (!site)
        return qs(m_siteId);
    return site->name.empty() ? qs(site->id) : qs(site->name);
}

void PropertiesPanel::commitSiteName()
{
    QLineEdit *field = m_site->name;
    if (!m_scenario.site(m_siteId) || !isChanged(field))
        return keep(field);
    // The format's default name is the id, so clearing the name gives the id back.
    const QString typed = field->text();
    const std::string name = typed.trimmed().isEmpty() ? m_siteId : typed.toStdString();
    commit(field, tr("Name"), tr("Rename %1 to %2").arg(siteLabel(), qs(name)),
           [&](Scenario &s) { editedSite(s)->name = name; });
}

void PropertiesPanel::commitSiteLocation(bool latitude)
{
    QDoubleSpinBox *field = latitude ? m_site->lat : m_site->lon;
    if (!m_scenario.site(m_siteId) || !isChanged(field))
        return keep(field);
    const double v = field->value();
    commit(field, latitude ? tr("Latitude") : tr("Longitude"), tr("Move %1").arg(siteLabel()), [&](Scenario &s) {
        (latitude ? editedSite(s)->lat : editedSite(s)->lon) = v;
    });
}

void PropertiesPanel::commitSiteGpuCount()
{
    QSpinBox *field = m_site->gpus;
    if (!m_scenario.site(m_siteId) || !isChanged(field))
        return keep(field);
    const int n = field->value();
    if (n < 0)
        return refuse(field, tr("GPUs: expected a whole number of GPUs, 0 or more; got %1.").arg(formatNumber(n)));
    if (n > kMaxGpus)
        return refuse(field, tr("GPUs: at most %1 at one site (10 million H100 draw some 16 GW, more than any campus "
                                "built or announced); got %2.")
                                 .arg(formatNumber(kMaxGpus), formatNumber(n)));
    commit(field, tr("GPUs"), tr("Change GPUs of %1").arg(siteLabel()),
           [&](Scenario &s) { editedSite(s)->gpus = n; });
}

void PropertiesPanel::commitSiteGpuType()
{
    QComboBox *field = m_site->gpu;
    const std::string gpu = field->currentData().toString().toStdString();
    const Site *site = m_scenario.site(m_siteId);
    if (!site || site->gpu == gpu)
        return keep(field);
    commit(field, tr("GPU type"), tr("Change GPU type of %1 to %2").arg(siteLabel(), qs(gpu)),
           [&](Scenario &s) { editedSite(s)->gpu = gpu; });
}

void PropertiesPanel::commitSitePowerCap(bool fromCheckBox)
{
    SiteFields &f = *m_site;
    const Site *site = m_scenario.site(m_siteId);
    if (!site)
        return;
    std::optional<double> cap;
    QString description;
    QWidget *field = f.cap;
    if (fromCheckBox) {
        field = f.capOn;
        if (f.capOn->isChecked()) {
            cap = site->power_cap_mw.value_or(f.capSuggestion);
            description = tr("Limit power of %1").arg(siteLabel());
        } else {
            description = tr("Remove power cap of %1").arg(siteLabel());
        }
    } else {
        if (!site->power_cap_mw || !isChanged(f.cap))
            return keep(f.cap);
        cap = f.cap->value();
        description = tr("Change power cap of %1").arg(siteLabel());
    }
    commit(field, tr("Power cap"), description, [&](Scenario &s) { editedSite(s)->power_cap_mw = cap; });
}

void PropertiesPanel::commitSitePue(bool fromCheckBox)
{
    SiteFields &f = *m_site;
    const Site *site = m_scenario.site(m_siteId);
    if (!site)
        return;
    std::optional<double> pue;
    QString description;
    QWidget *field = f.pue;
    if (fromCheckBox) {
        field = f.pueOn;
        if (f.pueOn->isChecked()) {
            pue = f.pue->value();
            description = tr("Override PUE of %1").arg(siteLabel());
        } else {
            description = tr("Reset PUE of %1 to the default").arg(siteLabel());
        }
    } else {
        if (!site->pue || !isChanged(f.pue))
            return keep(f.pue);
        pue = f.pue->value();
        description = tr("Change PUE of %1").arg(siteLabel());
    }
    commit(field, tr("PUE"), description, [&](Scenario &s) { editedSite(s)->pue = pue; });
}

void PropertiesPanel::commitSiteRegion()
{
    QLineEdit *field = m_site->region;
    const Site *site = m_scenario.site(m_siteId);
    if (!site || !isChanged(field))
        return keep(field);
    const QString region = field->text().trimmed();
    if (region.toStdString() == site->region)
        return revert(field); // only spaces around it changed
    if (accept(field, tr("Region"), edits::setSiteRegion(m_scenario, m_siteId, region.toStdString())))
        emit siteRegionRequested(qs(m_siteId), region);
}

void PropertiesPanel::commitSpanChoice(bool optic)
{
    QComboBox *field = optic ? m_span->optic : m_span->band;
    const std::string value = field->currentData().toString().toStdString();
    const Span *span = m_scenario.span(m_spanId);
    if (!span || (optic ? span->optic : span->band) == value)
        return keep(field);
    commit(field, optic ? tr("Optic") : tr("Band"),
           (optic ? tr("Change optic of %1 to %2") : tr("Change band of %1 to %2")).arg(qs(m_spanId), qs(value)),
           [&](Scenario &s) { (optic ? editedSpan(s)->optic : editedSpan(s)->band) = value; });
}

void PropertiesPanel::commitSpanCount(bool wavelengths, bool fromCheckBox)
{
    SpanFields &f = *m_span;
    const Span *span = m_scenario.span(m_spanId);
    if (!span)
        return;
    QSpinBox *spin = wavelengths ? f.waves : f.pairs;
    QCheckBox *autoBox = wavelengths ? f.wavesAuto : f.pairsAuto;
    const std::optional<int> &stored = wavelengths ? span->wavelengths : span->fiber_pairs;
    const QString what = wavelengths ? tr("wavelengths") : tr("fiber pairs");
    std::optional<int> value;
    QString description;
    QWidget *field = spin;
    if (fromCheckBox) {
        field = autoBox;
        if (autoBox->isChecked()) {
            description = tr("Let the tool choose %1 of %2").arg(what, qs(m_spanId));
        } else {
            value = stored.value_or(wavelengths ? f.wavesSuggestion : f.pairsSuggestion);
            description = tr("Fix %1 of %2 at %3").arg(what, qs(m_spanId)).arg(*value);
        }
    } else {
        if (!stored || !isChanged(spin))
            return keep(spin);
        value = spin->value();
        description = tr("Change %1 of %2").arg(what, qs(m_spanId));
    }
    commit(field, wavelengths ? tr("Wavelengths") : tr("Fiber pairs"), description, [&](Scenario &s) {
        (wavelengths ? editedSpan(s)->wavelengths : editedSpan(s)->fiber_pairs) = value;
    });
}

void PropertiesPanel::commitSpanLength(bool fromCheckBox)
{
    SpanFields &f = *m_span;
    const Span *span = m_scenario.span(m_spanId);
    if (!span)
        return;
    std::optional<double> length;
    QString description;
    QWidget *field = f.length;
    if (fromCheckBox) {
        field = f.lengthAuto;
        if (f.lengthAuto->isChecked()) {
            description = tr("Take length of %1 from the map").arg(qs(m_spanId));
        } else {
            length = f.lengthSuggestion;
            description = tr("Set length of %1").arg(qs(m_spanId));
        }
    } else {
        if (!span->length_km || !isChanged(f.length))
            return keep(f.length);
        length = f.length->value();
        description = tr("Change length of %1").arg(qs(m_spanId));
    }
    commit(field, tr("Length"), description, [&](Scenario &s) { editedSpan(s)->length_km = length; });
}

void PropertiesPanel::commitSpanMetric(bool fromCheckBox)
{
    SpanFields &f = *m_span;
    const Span *span = m_scenario.span(m_spanId);
    if (!span)
        return;
    std::optional<qint64> metric;
    QWidget *field = f.metric;
    if (fromCheckBox) {
        // Turning auto off fixes the metric the engine used last.
        field = f.metricAuto;
        if (!f.metricAuto->isChecked())
            metric = span->metric.value_or(f.metricSuggestion);
    } else {
        if (!isChanged(f.metric))
            return keep(f.metric);
        const QString text = f.metric->text().trimmed();
        if (!text.isEmpty()) { // empty = auto
            const std::optional<double> v = parseNumber(text);
            const std::string problem = v ? edits::spanMetricProblem(*v) : std::string();
            if (!v || !problem.empty()) {
                refuse(field, tr("Metric: %1").arg(v ? qs(problem) : tr("expected a whole number from 1 to "
                                                                          "16,777,215, got \"%1\"").arg(text)));
                return;
            }
            metric = static_cast<qint64>(*v);
        }
    }
    if (metric == span->metric)
        return fromCheckBox ? keep(field) : revert(field); // the same metric written differently
    if (accept(field, tr("Metric"), edits::setSpanMetric(m_scenario, m_spanId, metric)))
        emit spanMetricRequested(qs(m_spanId), metric);
}

void PropertiesPanel::commitSpanDown()
{
    const Span *span = m_scenario.span(m_spanId);
    if (!span)
        return;
    const bool down = m_span->down->isChecked();
    commit(m_span->down, tr("Down"),
           (down ? tr("Take %1 out of service") : tr("Put %1 back in service")).arg(qs(m_spanId)),
           [&](Scenario &s) { editedSpan(s)->down = down; });
}

void PropertiesPanel::commitJobNumber(std::size_t index)
{
    const JobNumber &n = m_job->numbers[index];
    QLineEdit *field = n.edit;
    if (!m_scenario.job || !isChanged(field))
        return keep(field);
    const QString text = field->text().trimmed();
    const QString fieldName = n.name.left(1).toUpper() + n.name.mid(1);
    std::optional<double> value;
    if (text.isEmpty()) {
        if (n.required) {
            refuse(field, tr("%1: a value is required").arg(fieldName));
            return;
        }
    } else {
        value = parseNumber(text);
        if (!value) {
            refuse(field,
                   tr("%1: expected a number such as 0.4, 16777216, 70e9 or 70B, got \"%2\"").arg(fieldName, text));
            return;
        }
    }
    if (value == n.get(*m_scenario.job))
        return revert(field); // the same number written differently
    if (n.typedIntent)
        return commitJobConnections(field, value);
    const QString description = value ? tr("Change %1 of the job").arg(n.name)
                                      : tr("Reset %1 of the job to the default").arg(n.name);
    commit(field, fieldName, description, [&](Scenario &s) { n.set(*s.job, value); });
}

void PropertiesPanel::commitJobConnections(QWidget *field, std::optional<double> value)
{
    if (accept(field, tr("Connections per DC pair"), edits::setJobConnections(m_scenario, value)))
        emit jobConnectionsRequested(value);
}

void PropertiesPanel::commitJobChoice(QComboBox *combo)
{
    if (!m_scenario.job)
        return;
    JobFields &f = *m_job;
    const std::string value = combo->currentData().toString().toStdString();
    std::string Job::*member = combo == f.strategy ? &Job::strategy
        : combo == f.dcPattern                     ? &Job::dc_pattern
                                                   : &Job::transport;
    if ((*m_scenario.job).*member == value)
        return keep(combo);
    const QString what = combo == f.strategy ? tr("strategy") : combo == f.dcPattern ? tr("DC pattern") : tr("transport");
    if (commit(combo, what, tr("Change %1 to %2").arg(what, friendlyName(qs(value))),
               [&](Scenario &s) { (*s.job).*member = value; })
        && combo == f.strategy)
        updateJobVisibility(qs(value)); // at once, even before show() follows
}

void PropertiesPanel::commitRoutingChoice(bool policy)
{
    QComboBox *combo = policy ? m_job->policy : m_job->loadBalancing;
    const std::string value = combo->currentData().toString().toStdString();
    std::string RoutingSettings::*member = policy ? &RoutingSettings::policy : &RoutingSettings::load_balancing;
    if (m_scenario.routing.*member == value)
        return keep(combo);
    const QString what = policy ? tr("routing policy") : tr("load balancing");
    commit(combo, what, tr("Change %1 to %2").arg(what, friendlyName(qs(value))),
           [&](Scenario &s) { s.routing.*member = value; });
}

void PropertiesPanel::addJob()
{
    if (m_scenario.job)
        return;
    // The project's worked example (docs/MODEL.md): a 70B model, 16M-token batches; every
    // other field follows the catalog.
    Job job;
    job.model_params = 70e9;
    job.tokens_per_step = 16777216.0;
    commit(m_job->addJob, tr("Training job"), tr("Add a training job"), [&](Scenario &s) { s.job = job; });
}

} // namespace dci

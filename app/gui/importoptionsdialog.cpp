#include "importoptionsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace dci {

namespace {

constexpr int kRouteFactorDecimals = 2;
constexpr double kRouteFactorStep = 0.05;

// "GBITPERSEC" -> "Gbit/s (GBITPERSEC)": what the unit means, then the file's spelling.
QString unitLabel(const std::string &name)
{
    const QString upper = QString::fromStdString(name);
    const QString prefix = upper.left(upper.indexOf(QStringLiteral("BITPERSEC")));
    const QString readable = prefix.isEmpty() ? QStringLiteral("bit/s") : prefix.left(1) + QStringLiteral("bit/s");
    return QStringLiteral("%1 (%2)").arg(readable, upper);
}

} // namespace

bool ImportOptionsDialog::hasChoices(ImportFormat format)
{
    return format == ImportFormat::TopologyZoo || format == ImportFormat::Sndlib;
}

ImportOptionsDialog::ImportOptionsDialog(ImportFormat format, const QString &fileName, double defaultRouteFactor,
                                         QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Import Options"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("“%1” has no fiber lengths: each span is the great-circle distance between its "
                                "sites times the route factor.")
                                 .arg(fileName));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_routeFactor = new QDoubleSpinBox;
    m_routeFactor->setObjectName(QStringLiteral("importRouteFactor"));
    m_routeFactor->setRange(ImportOptions::kMinRouteFactor, ImportOptions::kMaxOfferedRouteFactor);
    m_routeFactor->setDecimals(kRouteFactorDecimals);
    m_routeFactor->setSingleStep(kRouteFactorStep);
    m_routeFactor->setValue(defaultRouteFactor);
    m_routeFactor->setToolTip(tr("Fiber route length / great-circle distance. The catalog's %1 is typical of "
                                 "long-haul routes (docs/MODEL.md \"Geometry\").")
                                  .arg(defaultRouteFactor));
    form->addRow(tr("Route factor"), m_routeFactor);

    if (format == ImportFormat::Sndlib) {
        m_unit = new QComboBox;
        m_unit->setObjectName(QStringLiteral("importSndlibUnit"));
        m_unit->addItem(tr("As the file says (Mbit/s if it says nothing)"));
        for (const std::string &unit : sndlibUnitNames())
            m_unit->addItem(unitLabel(unit), QString::fromStdString(unit));
        m_unit->setToolTip(tr("The unit of the file's demand values. SNDlib files name it in META; "
                              "choose one here when the file has none or names the wrong one."));
        form->addRow(tr("Demand unit"), m_unit);
    }
    layout->addLayout(form);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

ImportOptions ImportOptionsDialog::options() const
{
    ImportOptions options;
    options.route_factor = m_routeFactor->value();
    if (m_unit && !m_unit->currentData().toString().isEmpty())
        options.sndlib_unit = m_unit->currentData().toString().toStdString();
    return options;
}

} // namespace dci

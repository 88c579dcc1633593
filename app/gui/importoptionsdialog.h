#pragma once

#include "io/importer.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;

namespace dci {

// File > Import, between choosing a file and reading it: the choices an import of that
// format has (docs/IMPORT.md). Topology Zoo and SNDlib files carry no fiber lengths, so
// the route factor (fiber length / great circle) is asked, starting at the catalog's;
// SNDlib files may lack or misstate their demand unit, so it can be named. GNPy files
// need nothing (hasChoices() is false and the dialog is not shown).
class ImportOptionsDialog : public QDialog
{
    Q_OBJECT

public:
    ImportOptionsDialog(ImportFormat format, const QString &fileName, double defaultRouteFactor,
                        QWidget *parent = nullptr);

    static bool hasChoices(ImportFormat format);

    // The options as set: route_factor always, sndlib_unit when one is chosen.
    ImportOptions options() const;

private:
    QDoubleSpinBox *m_routeFactor = nullptr;
    QComboBox *m_unit = nullptr; // SNDlib only
};

} // namespace dci

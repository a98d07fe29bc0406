// Excel workbooks (.xlsx) with libxlsxwriter: sheets with a title, a header row and bordered cells
// in a Japanese font, set up to print on A4 landscape. Written through a temporary file
// (libxlsxwriter 1.1.4 writes files only) that is removed afterwards.
#pragma once
#include <xlsxwriter.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace renkei::office {

class Workbook {
  public:
    Workbook();  // throws Error{kInternal} when no temporary file can be made
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;
    ~Workbook();
    // A sheet with `title` in its first row and the header `heads` (column widths `widths`) in
    // its fourth; rows are added below it.
    lxw_worksheet* Sheet(const std::string& name, const std::string& title, const std::vector<std::string>& heads,
                         const std::vector<double>& widths);
    // Plain text in the first column of `row` (the lines between the title and the header).
    void Line(lxw_worksheet* s, int row, const std::string& text);
    // The next row: text cells, except column `number_column` (if any), which holds `number`
    // formatted #,##0.
    void Row(lxw_worksheet* s, const std::vector<std::string>& cells, int number_column = -1, long long number = 0);
    // The next row: text cells, except those of `number_columns` that hold a whole number
    // (optionally negative), written as numbers formatted #,##0.
    void Row(lxw_worksheet* s, const std::vector<std::string>& cells, const std::set<size_t>& number_columns);
    // Closes the workbook and returns the file's bytes.
    std::string Bytes();

  private:
    std::string path_;
    lxw_workbook* book_ = nullptr;
    lxw_format *title_ = nullptr, *head_ = nullptr, *cell_ = nullptr, *number_ = nullptr;
    std::map<lxw_worksheet*, int> row_;
};

}  // namespace renkei::office

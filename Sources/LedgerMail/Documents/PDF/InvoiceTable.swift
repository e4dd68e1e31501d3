/// The invoice's tables (lines, discounts and surcharges, VAT breakdown): a bold header row with
/// a rule under it, repeated on each new page, then the rows.
extension InvoicePageWriter {
    struct Column {
        var width: Double
        var alignment: TextStyle.Alignment
        var maxLines: Int32 = 2
    }

    static let columnGap = 8.0

    /// A header row, then the rows; the header is repeated at the top of
    /// each new page, and is never left alone at the bottom of one.
    mutating func drawTable(header: [String], rows: [[String]], columns: [Column]) {
        let headerMarkup = header.map(PangoMarkup.bold)
        let headerHeight = rowHeight(headerMarkup, columns)
        let firstRowHeight = rows.first.map { rowHeight($0, columns) } ?? 0
        makeRoom(for: headerHeight + 6 + firstRowHeight)
        drawHeaderRow(headerMarkup, columns, height: headerHeight)
        for row in rows {
            let height = rowHeight(row, columns)
            if makeRoom(for: height) { drawHeaderRow(headerMarkup, columns, height: headerHeight) }
            drawCells(row, columns)
            advance(height, gap: 3)
        }
        advance(0, gap: 14)
    }

    private mutating func drawHeaderRow(_ cells: [String], _ columns: [Column], height: Double) {
        drawCells(cells, columns)
        advance(height, gap: 2)
        canvas.rule(x: Self.margin, y: y, width: Self.contentWidth)
        advance(0, gap: 4)
    }

    private func rowHeight(_ cells: [String], _ columns: [Column]) -> Double {
        Self.placed(cells, columns).map { cell in
            canvas.height(of: cell.text, width: cell.width, style: TextStyle(alignment: cell.column.alignment, maxLines: cell.column.maxLines))
        }.max() ?? 0
    }

    private func drawCells(_ cells: [String], _ columns: [Column]) {
        for cell in Self.placed(cells, columns) {
            canvas.draw(cell.text, x: cell.x, y: y, width: cell.width,
                        style: TextStyle(alignment: cell.column.alignment, maxLines: cell.column.maxLines))
        }
    }

    /// Where each cell goes. A left-aligned cell runs on over the empty cells after it (a line's
    /// "Korting: …" row under the quantity and price), so it is not wrapped for nothing.
    private static func placed(_ cells: [String], _ columns: [Column]) -> [(text: String, x: Double, width: Double, column: Column)] {
        var result: [(text: String, x: Double, width: Double, column: Column)] = []
        var x = margin
        var index = 0
        while index < min(cells.count, columns.count) {
            var width = columns[index].width
            var next = index + 1
            while columns[index].alignment == .left, next < min(cells.count, columns.count), cells[next].isEmpty {
                width += columnGap + columns[next].width
                next += 1
            }
            result.append((cells[index], x, width, columns[index]))
            x += width + columnGap
            index = next
        }
        return result
    }
}

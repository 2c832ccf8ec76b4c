import Foundation
import Testing

@testable import StyrCore

@Suite struct XLSXSheetTests {
    static let shared = Data(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Region</t></si><si><t>Navn</t></si>\
        <si><r><t>Bosetting: </t></r><r><t>Faktisk bosetting</t></r></si><si><t xml:space="preserve">Oslo; sentrum</t>\
        <rPh><t>x</t></rPh></si></sst>
        """.utf8)

    @Test func sharedAndInlineStringsNumbersEmptyCellsAndSpans() throws {
        let sheet = Data(
            """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
            <row r="2"><c r="C2" t="inlineStr"><is><t>År: 2019</t></is></c><c r="D2" t="inlineStr"><is><t>År: 2020</t></is></c></row>
            <row r="4"><c r="A4" t="inlineStr"><is><t>K0301</t></is></c><c r="B4" t="s"><v>3</v></c><c r="C4"><v>870</v></c>\
            <c r="D4"><v>96.700000000000003</v></c></row>
            <row r="5"><c r="A5" t="str"><v>K3001</v></c><c r="D5" t="inlineStr"><is><t>:</t></is></c><c t="b"><v>1</v></c></row>
            </sheetData><mergeCells count="1"><mergeCell ref="C1:D1"/></mergeCells></worksheet>
            """.utf8)
        let text = try XLSXSheet.text(sheet: sheet, sharedStrings: XLSXSheet.sharedStrings(Self.shared))
        #expect(
            text.components(separatedBy: "\n") == [
                "Region;Navn;Bosetting: Faktisk bosetting;Bosetting: Faktisk bosetting", ";;År: 2019;År: 2020", "",
                "K0301;\"Oslo; sentrum\";870;96.7", "K3001;;;:;SANN",
            ])
    }

    @Test func theFirstSheetIsFoundThroughTheWorkbook() {
        let workbook = Data(
            """
            <workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
            <sheet name="Tabell" sheetId="3" r:id="rId7"/><sheet name="Om" sheetId="1" r:id="rId1"/></sheets></workbook>
            """.utf8)
        let rels = Data(
            """
            <Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId7" Target="/xl/worksheets/sheet3.xml"/></Relationships>
            """.utf8)
        #expect(XLSXSheet.firstSheetPath(workbook: workbook, rels: rels) == "xl/worksheets/sheet3.xml")
        #expect(XLSXSheet.firstSheetPath(workbook: nil, rels: rels) == "xl/worksheets/sheet1.xml")
    }

    @Test func aCellPointingPastTheSharedStringsIsAnError() {
        let sheet = Data(#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>9</v></c></row></sheetData></worksheet>"#.utf8)
        #expect(throws: XLSXSheet.ReadError.self) { try XLSXSheet.text(sheet: sheet, sharedStrings: []) }
    }
}

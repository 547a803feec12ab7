//! CSV for spreadsheets, written by the `csv` crate with one guard against formula injection.
//!
//! Every CSV Sandpit writes (the progress export, the class matrix, the class report) goes
//! through [`Csv`]: RFC 4180 (CRLF line ends, a field quoted only when it holds a comma, quote or
//! line break), and a field a spreadsheet would run as a formula defused by a leading `'`
//! (OWASP's advice for CSV injection: `=`, `+`, `-`, `@`, tab and carriage return first).

/// Characters that make a spreadsheet read a cell as a formula when they come first.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `field` as a spreadsheet should show it: prefixed with `'` when it would start a formula.
pub fn defuse(field: &str) -> std::borrow::Cow<'_, str> {
    if field.starts_with(FORMULA_STARTS) { format!("'{field}").into() } else { field.into() }
}

/// A CSV document built row by row.
#[derive(Debug)]
pub struct Csv {
    writer: csv::Writer<Vec<u8>>,
}

impl Default for Csv {
    fn default() -> Self {
        Self::new()
    }
}

impl Csv {
    /// An empty document.
    pub fn new() -> Self {
        let writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(Vec::new());
        Self { writer }
    }

    /// Appends one record, every field defused.
    pub fn row<I, S>(&mut self, fields: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let fields: Vec<String> = fields.into_iter().map(|f| defuse(f.as_ref()).into_owned()).collect();
        self.writer.write_record(&fields).expect("writing CSV into memory cannot fail");
    }

    /// The document as text.
    pub fn finish(self) -> String {
        let bytes = self.writer.into_inner().expect("flushing CSV into memory cannot fail");
        String::from_utf8(bytes).expect("CSV made from UTF-8 fields is UTF-8")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(fields: &[&str]) -> String {
        let mut csv = Csv::new();
        csv.row(fields);
        csv.finish()
    }

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(
            one(&["a,b", "say \"hi\"", "x", "줄\n바꿈", ""]),
            "\"a,b\",\"say \"\"hi\"\"\",x,\"줄\n바꿈\",\r\n"
        );
    }

    #[test]
    fn every_formula_start_is_defused() {
        let cells = ["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx", "a=b", "팀-1"];
        let out = one(&cells);
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(out.as_bytes());
        let back: Vec<String> = reader.records().next().unwrap().unwrap().iter().map(str::to_owned).collect();
        assert_eq!(back, ["'=SUM(A1)", "'+1", "'-2", "'@cmd", "'\tx", "'\rx", "a=b", "팀-1"]);
    }
}

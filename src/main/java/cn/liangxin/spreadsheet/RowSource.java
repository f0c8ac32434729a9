package cn.liangxin.spreadsheet;

import java.util.Iterator;

/** The rows of an uploaded file, read one at a time so that a large file never sits in memory. */
public interface RowSource extends Iterator<SheetRow>, AutoCloseable {

    /** The name of the format read: XLSX, XLS or CSV (with its encoding, e.g. "CSV GB18030"). */
    String format();

    @Override
    void close();
}

000100*==============================================================   CUSTREC 
000200* CUSTOMER MASTER RECORD - ONE PER ACCOUNT, 141 BYTES, EBCDIC     CUSTREC 
000300*==============================================================   CUSTREC 
000400  01  CUSTOMER-RECORD.                                            CUSTREC 
000500      05  CUST-ID                 PIC 9(8).                       CUSTREC 
000600      05  CUST-NAME.                                              CUSTREC 
000700          10  LAST-NAME           PIC X(20).                      CUSTREC 
000800          10  FIRST-NAME          PIC X(15).                      CUSTREC 
000900      05  CUST-STATUS             PIC X.                          CUSTREC 
001000          88  STATUS-ACTIVE       VALUE 'A'.                      CUSTREC 
001100          88  STATUS-CLOSED       VALUE 'C' 'X'.                  CUSTREC 
001200      05  BALANCE                 PIC S9(7)V99 COMP-3.            CUSTREC 
001300      05  CREDIT-LIMIT            PIC 9(7)V99                     CUSTREC 
001400                                  USAGE IS PACKED-DECIMAL.        CUSTREC 
001500      05  YTD-PURCHASES           PIC S9(9)V99 COMP-3 VALUE ZERO. CUSTREC 
001600      05  ORDER-COUNT             PIC S9(4) COMP.                 CUSTREC 
001700      05  LAST-ORDER-DATE         PIC 9(8).                       CUSTREC 
001800/ RECENT ORDERS, NEWEST FIRST                                     CUSTREC 
001900      05  RECENT-ORDERS OCCURS 3 TIMES INDEXED BY ORD-IX.         CUSTREC 
002000          10  ORDER-NO            PIC X(10).                      CUSTREC 
002100          10  ORDER-AMOUNT        PIC S9(5)V99 COMP-3.            CUSTREC 
002200      05  PHONE                   PIC X(12) OCCURS 2 TIMES.       CUSTREC 
002300      05  FILLER                  PIC X(5).                       CUSTREC 

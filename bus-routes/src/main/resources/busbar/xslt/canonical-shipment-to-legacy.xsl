<?xml version="1.0" encoding="UTF-8"?>
<!--
  A canonical OrderShipped event to the legacy order entry system's flat shipment confirmation (LEGACY_SHIPMENT):
  its own order number (from the LEGACY-<number> customer reference), date as yyyyMMdd, status text it knows.
  Orders that did not come from the legacy system give an empty result.
-->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:ord="http://busbar.io/schema/order/v1"
                xmlns:cmn="http://busbar.io/schema/common/v1"
                exclude-result-prefixes="ord cmn">
  <xsl:output method="xml" indent="yes" encoding="UTF-8"/>

  <!-- orders that did not come from the legacy system: nothing to confirm -->
  <xsl:template match="/ord:orderShipped[not(starts-with(ord:order/ord:customerReference, 'LEGACY-'))]"/>

  <xsl:template match="/ord:orderShipped[starts-with(ord:order/ord:customerReference, 'LEGACY-')]">
    <LEGACY_SHIPMENT>
      <ORDER_NO><xsl:value-of select="substring-after(ord:order/ord:customerReference, 'LEGACY-')"/></ORDER_NO>
      <BUSBAR_ORDER><xsl:value-of select="ord:orderId"/></BUSBAR_ORDER>
      <CUST_NO><xsl:value-of select="ord:customerId"/></CUST_NO>
      <CARRIER><xsl:value-of select="ord:order/ord:shipment/ord:carrier"/></CARRIER>
      <TRACKING><xsl:value-of select="ord:order/ord:shipment/ord:trackingNumber"/></TRACKING>
      <SHIP_DATE><xsl:value-of select="format-dateTime(xs:dateTime(ord:order/ord:shipment/ord:shippedAt), '[Y0001][M01][D01]')"
          xmlns:xs="http://www.w3.org/2001/XMLSchema"/></SHIP_DATE>
      <INVOICE_NO><xsl:value-of select="ord:order/ord:invoiceId"/></INVOICE_NO>
      <STATUS>SHIPPED</STATUS>
    </LEGACY_SHIPMENT>
  </xsl:template>
</xsl:stylesheet>

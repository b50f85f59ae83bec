<?xml version="1.0" encoding="UTF-8"?>
<!--
  The legacy order entry system's flat order (LEGACY_ORDER, no namespace) to the canonical OrderSubmission.
  The legacy order number becomes the customer reference (LEGACY-<number>), so a re-sent legacy order is the same
  order. Amounts keep their text; the canonical schema validates them afterwards.
-->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:ord="http://busbar.io/schema/order/v1"
                xmlns:cmn="http://busbar.io/schema/common/v1"
                exclude-result-prefixes="xs">
  <xsl:output method="xml" indent="no" encoding="UTF-8"/>

  <xsl:template match="/LEGACY_ORDER">
    <ord:orderSubmission>
      <ord:customerId><xsl:value-of select="normalize-space(CUST_NO)"/></ord:customerId>
      <ord:customerReference><xsl:value-of select="concat('LEGACY-', normalize-space(ORDER_NO))"/></ord:customerReference>
      <xsl:for-each select="ITEM">
        <ord:line>
          <ord:sku><xsl:value-of select="upper-case(normalize-space(ITEM_NO))"/></ord:sku>
          <ord:description><xsl:value-of select="normalize-space(ITEM_TEXT)"/></ord:description>
          <ord:quantity><xsl:value-of select="normalize-space(QTY)"/></ord:quantity>
          <ord:unitPrice>
            <cmn:amount><xsl:value-of select="normalize-space(PRICE)"/></cmn:amount>
            <cmn:currency><xsl:value-of select="upper-case(normalize-space(../CURRENCY))"/></cmn:currency>
          </ord:unitPrice>
        </ord:line>
      </xsl:for-each>
      <xsl:if test="normalize-space(SHIP_STREET) != ''">
        <ord:shippingAddress>
          <cmn:line1><xsl:value-of select="normalize-space(SHIP_STREET)"/></cmn:line1>
          <cmn:city><xsl:value-of select="normalize-space(SHIP_CITY)"/></cmn:city>
          <cmn:postalCode><xsl:value-of select="normalize-space(SHIP_ZIP)"/></cmn:postalCode>
          <cmn:country><xsl:value-of select="upper-case(normalize-space(SHIP_COUNTRY))"/></cmn:country>
        </ord:shippingAddress>
      </xsl:if>
    </ord:orderSubmission>
  </xsl:template>

  <!-- anything else is not a legacy order: an empty result, which the canonical validation then refuses -->
  <xsl:template match="/*[not(self::LEGACY_ORDER)]"/>
</xsl:stylesheet>

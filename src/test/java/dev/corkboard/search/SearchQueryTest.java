package dev.corkboard.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corkboard.platform.api.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a query is cut into words, checked, and turned into text search queries. */
class SearchQueryTest {

  @Test
  void cutsAQueryIntoDistinctLowerCaseWordsOfLettersAndDigits() {
    assertThat(SearchQuery.parse("query", "  Crème-Brûlée, 2 CAKES crème!").words())
        .containsExactly("crème", "brûlée", "2", "cakes");
  }

  @Test
  void buildsPrefixTermsWithTheVariantsOfTypoAndTheWeightsOfATier() {
    SearchQuery query = SearchQuery.parse("query", "tablr l'amp");
    Map<String, List<String>> variants = Map.of("tablr", List.of("table", "tabla"));

    assertThat(query.tsquery(variants, ""))
        .isEqualTo("('tablr':* | 'table' | 'tabla') & 'l':* & 'amp':*");
    assertThat(query.tsquery(variants, "AB"))
        .isEqualTo("('tablr':*AB | 'table':AB | 'tabla':AB) & 'l':*AB & 'amp':*AB");
  }

  @Test
  void forgivesTypoOnlyInWordsOfFiveLettersOrMore() {
    assertThat(SearchQuery.parse("query", "lamp tablr chairs").typoWords())
        .containsExactly("tablr", "chairs");
  }

  @Test
  void knowsWordsOneInsertionDeletionOrReplacementApart() {
    assertThat(SearchQuery.oneTypoApart("table", "tablr")).isTrue();
    assertThat(SearchQuery.oneTypoApart("table", "tabe")).isTrue();
    assertThat(SearchQuery.oneTypoApart("table", "tables")).isTrue();
    assertThat(SearchQuery.oneTypoApart("table", "xtable")).isTrue();
    assertThat(SearchQuery.oneTypoApart("küche", "kuche")).isTrue();
    assertThat(SearchQuery.oneTypoApart("table", "table")).isFalse();
    assertThat(SearchQuery.oneTypoApart("table", "tbale")).isFalse();
    assertThat(SearchQuery.oneTypoApart("table", "tab")).isFalse();
    assertThat(SearchQuery.oneTypoApart("table", "cable s")).isFalse();
  }

  @Test
  void refusesEmptyOverLongAndWordlessQueriesNamingTheField() {
    assertThatThrownBy(() -> SearchQuery.parse("query", " "))
        .isInstanceOf(ApiException.InvalidInput.class)
        .hasMessage("query must not be empty.");
    assertThatThrownBy(() -> SearchQuery.parse("query", "x".repeat(201)))
        .hasMessage("query must be at most 200 characters long.");
    assertThatThrownBy(() -> SearchQuery.parse("query", "-- !"))
        .hasMessage("query must contain a letter or a digit.");
  }
}

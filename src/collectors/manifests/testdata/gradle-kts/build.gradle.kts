plugins {
    kotlin("jvm") version "2.0.20"
}

val genaiVersion = "0.1.0"

dependencies {
    implementation("com.google.genai:google-genai:$genaiVersion")
    implementation(group = "software.amazon.awssdk", name = "bedrockruntime", version = "2.28.6")
    implementation("dev.langchain4j:langchain4j:0.35.+")
    testImplementation(kotlin("test"))
}
